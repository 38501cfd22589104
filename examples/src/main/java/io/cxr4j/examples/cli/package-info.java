/**
 * The {@code cxr4j} command-line tool, {@link io.cxr4j.examples.cli.Cxr4jCommand}, built on
 * picocli. Its subcommands {@code train}, {@code evaluate}, {@code cross-validate}, {@code predict},
 * {@code explain}, {@code convert} and {@code audit} cover a model's life from auditing the data to
 * explaining its predictions. Training and evaluation runs write a {@code report.json}, with plots
 * and Markdown beside it. Everything but the entry point is internal to the tool.
 */
package io.cxr4j.examples.cli;
