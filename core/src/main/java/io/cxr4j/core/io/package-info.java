/**
 * File-system helpers shared by the decoder, the data-set loaders and the command line: why a path
 * cannot be read, said in words a user can act on; and the one SHA-256 helper ({@link
 * io.cxr4j.core.io.Digests}); the project's JSON mapping ({@link io.cxr4j.core.io.Json}) and deletion of
 * folder trees ({@link io.cxr4j.core.io.FileTrees}).
 */
package io.cxr4j.core.io;
