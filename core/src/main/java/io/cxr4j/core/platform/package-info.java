/**
 * Facts about the machine a result was computed on. CPUs of one kind of machine differ (native
 * kernels can compute differently on two processor generations), so every measured number and
 * every model names the processor it came from.
 */
package io.cxr4j.core.platform;
