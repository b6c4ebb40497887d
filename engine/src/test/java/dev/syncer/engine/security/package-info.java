/**
 * One test per attack found against a shard or the lab (issue 12 and every later find): each shows
 * the attack refused or bounded, a bystander client still served, and the data intact by DEBUG
 * DIGEST. Bounded in count and time, loopback only.
 */
package dev.syncer.engine.security;
