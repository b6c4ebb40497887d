/**
 * Identities: Redis 7.0's ACL ({@link dev.syncer.engine.acl.Acl}) — users, AUTH, the per-command
 * permission check, ACL LOG, the aclfile — attached to a shard last, so its command universe holds
 * every component's commands. Categories come from one place ({@code AclCategories}).
 */
package dev.syncer.engine.acl;
