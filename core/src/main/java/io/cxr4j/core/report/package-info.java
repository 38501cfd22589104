/**
 * Reports of training and evaluation runs: PNG plots drawn with XChart ({@link
 * io.cxr4j.core.report.Plots}) and Markdown tables ({@link io.cxr4j.core.report.MarkdownTables}).
 */
package io.cxr4j.core.report;
