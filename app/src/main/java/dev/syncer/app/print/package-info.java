/** {@code --print}: what the console would show, as JSON on standard output, without a window. */
package dev.syncer.app.print;
