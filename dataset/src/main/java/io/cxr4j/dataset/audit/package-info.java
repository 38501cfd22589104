/**
 * The data-set audit: what is wrong with a set of labelled chest X-rays before any model sees it.
 * Unreadable files, exact and near-duplicate images (within a class, across classes, across the
 * two sides of a split), file names that contradict their folder's label, class balance, the
 * distribution of image size, bit depth, colour type and file type per class, and whether those
 * file properties alone predict the class, the shortcut a network can learn instead of the disease.
 *
 * <p>Start with {@link io.cxr4j.dataset.audit.DatasetAudit}; the results are plain records that
 * serialize to JSON as they are.
 */
package io.cxr4j.dataset.audit;
