/**
 * The command table and the commands, one family per class (parse → apply → reply), and the
 * dispatcher that runs them in Redis's order: lookup, arity, auth, MULTI, read-only replica,
 * execute, propagate.
 */
package dev.syncer.engine.command;
