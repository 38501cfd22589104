/**
 * File-system helpers shared by the decoder, the data-set loaders and the command line: why a path
 * cannot be read, said in words a user can act on.
 */
package io.cxr4j.core.io;
