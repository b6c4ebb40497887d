/**
 * The operator's operations: the catalog of what applies to a selection, drafts with their
 * predicted syncs, commands, and the operation running now.
 */
package dev.syncer.views.model.operations;
