/**
 * Using cxr4j from an application. {@link io.cxr4j.examples.QuickStart} is the README's embedding
 * example (train on the seed set, save, reload, predict and report), and a test checks that the
 * README shows its code; the command-line tool is in {@link io.cxr4j.examples.cli}.
 */
package io.cxr4j.examples;
