/**
 * Attaching to real Redis however it is deployed: finding every replication tree from one address
 * (a standalone server, a Sentinel, a Redis Cluster node), inferring the syncs Redis does not log
 * from consecutive INFO polls, Sentinel's event stream and cluster failovers, and printing what was
 * found without a window ({@code --attach ADDR --print}).
 */
package dev.syncer.app.attach;
