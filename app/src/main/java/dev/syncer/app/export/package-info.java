/** Export for post-mortems: the timeline and the chart series of one tree or all, as CSV and JSON. */
package dev.syncer.app.export;
