package dev.syncer.views.model.port;

/** Which end of a sync reported it. */
public enum SyncSide { PRIMARY, REPLICA, SYNCER }
