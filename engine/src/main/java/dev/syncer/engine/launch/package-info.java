/** How the launcher jars start: the JVM options they need, applied by relaunching once. */
package dev.syncer.engine.launch;
