package dev.syncer.engine.launch;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.util.List;
import java.util.Optional;

/**
 * execv(2) from Java: replaces this process's program with another under the same PID, so the JVM
 * {@link Relauncher} starts with the options it needs is the process the user started (its PID in
 * {@code kill}, in INFO's process_id, in scripts that stop a server by PID), and no launcher JVM
 * waits beside it (about 50 MB of RSS for nothing).
 *
 * <p>Through the FFM API, final in JDK 22. The project compiles for release 21, where
 * java.lang.foreign is a preview API javac refuses without --enable-preview (and a class compiled
 * with it would not load on any other JDK), so every call goes through reflection on the API's
 * public interfaces, and only where it can run: Linux, JDK 22 or later, native access enabled for
 * this code (the jars' manifests say {@code Enable-Native-Access: ALL-UNNAMED}; without it the JDK
 * would print a warning, and the caller spawns a child instead).
 */
final class Execv {

    private static final int SIG_SETMASK = 2;
    private static final int SIGSET_BYTES = 128;
    private static final int CLOSE_RANGE_CLOEXEC = 1 << 2;

    private Execv() {
    }

    /** Whether {@link #exec} can be tried here. */
    static boolean available() {
        return available(System.getProperty("os.name", ""), Runtime.version().feature()) && nativeAccessEnabled();
    }

    static boolean available(String osName, int feature) {
        return osName.equals("Linux") && feature >= 22;
    }

    private static boolean nativeAccessEnabled() {
        try {
            return (Boolean) Module.class.getMethod("isNativeAccessEnabled").invoke(Execv.class.getModule());
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Runs {@code command} (an absolute program path first) in place of this process. Returns only
     * when that failed, with the reason; the process is then as before.
     */
    static String exec(List<String> command) {
        try {
            Foreign ffm = new Foreign();
            MethodHandle execv = ffm.downcall("execv", ffm.intLayout, ffm.address, ffm.address);
            if (execv == null) {
                return "no execv in the C library";
            }
            Object path = ffm.string(command.get(0));
            Object argv = ffm.allocate((command.size() + 1L) * 8);
            for (int i = 0; i < command.size(); i++) {
                ffm.setAddress(argv, i, ffm.string(command.get(i)));
            }
            ffm.setAddress(argv, command.size(), ffm.nullAddress);
            prepare(ffm);
            System.out.flush();
            System.err.flush();
            int result = (int) execv.invokeWithArguments(path, argv);
            return "execv returned " + result;
        } catch (Throwable e) {
            return e.toString();
        }
    }

    /**
     * What a new program should not inherit from this JVM: its Java threads block SIGQUIT (the JVM's
     * own threads take it) and the mask survives execv; descriptors the JVM opened without
     * close-on-exec (the jar, the runtime image) would stay open, unused, in the new one. Both
     * best effort: close_range needs Linux 5.11 and glibc 2.34.
     */
    private static void prepare(Foreign ffm) throws Throwable {
        MethodHandle sigmask = ffm.downcall("pthread_sigmask", ffm.intLayout, ffm.intLayout, ffm.address, ffm.address);
        if (sigmask != null) {
            Object empty = ffm.allocate(SIGSET_BYTES);
            ffm.zero(empty);
            sigmask.invokeWithArguments(SIG_SETMASK, empty, ffm.nullAddress);
        }
        MethodHandle closeRange = ffm.downcall("close_range", ffm.intLayout, ffm.intLayout, ffm.intLayout, ffm.intLayout);
        if (closeRange != null) {
            closeRange.invokeWithArguments(3, -1, CLOSE_RANGE_CLOEXEC); // -1: ~0U, every descriptor from 3 up
        }
    }

    /** The few FFM calls used here, by reflection (see the class comment). */
    private static final class Foreign {

        private final Class<?> segmentType = Class.forName("java.lang.foreign.MemorySegment");
        private final Class<?> layoutType = Class.forName("java.lang.foreign.MemoryLayout");
        private final Class<?> descriptorType = Class.forName("java.lang.foreign.FunctionDescriptor");
        private final Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
        private final Class<?> allocatorType = Class.forName("java.lang.foreign.SegmentAllocator");
        private final Object linker = linkerType.getMethod("nativeLinker").invoke(null);
        private final Object lookup = linkerType.getMethod("defaultLookup").invoke(linker);
        private final Object arena = Class.forName("java.lang.foreign.Arena").getMethod("ofAuto").invoke(null);
        private final Class<?> valueLayoutType = Class.forName("java.lang.foreign.ValueLayout");
        final Object intLayout = valueLayoutType.getField("JAVA_INT").get(null);
        final Object address = valueLayoutType.getField("ADDRESS").get(null);
        final Object nullAddress = segmentType.getField("NULL").get(null);

        Foreign() throws ReflectiveOperationException {
        }

        /** A handle on the C library's {@code name}, or null when it has none. */
        MethodHandle downcall(String name, Object result, Object... arguments) throws ReflectiveOperationException {
            Optional<?> symbol = (Optional<?>) Class.forName("java.lang.foreign.SymbolLookup")
                    .getMethod("find", String.class).invoke(lookup, name);
            if (symbol.isEmpty()) {
                return null;
            }
            Object layouts = Array.newInstance(layoutType, arguments.length);
            for (int i = 0; i < arguments.length; i++) {
                Array.set(layouts, i, arguments[i]);
            }
            Object descriptor = descriptorType.getMethod("of", layoutType, layouts.getClass()).invoke(null, result, layouts);
            Object options = Array.newInstance(Class.forName("java.lang.foreign.Linker$Option"), 0);
            return (MethodHandle) linkerType.getMethod("downcallHandle", segmentType, descriptorType, options.getClass())
                    .invoke(linker, symbol.get(), descriptor, options);
        }

        /** A NUL-terminated UTF-8 copy of {@code s}. */
        Object string(String s) throws ReflectiveOperationException {
            return allocatorType.getMethod("allocateFrom", String.class).invoke(arena, s);
        }

        Object allocate(long bytes) throws ReflectiveOperationException {
            return allocatorType.getMethod("allocate", long.class).invoke(arena, bytes);
        }

        void zero(Object segment) throws ReflectiveOperationException {
            segmentType.getMethod("fill", byte.class).invoke(segment, (byte) 0);
        }

        void setAddress(Object array, long index, Object value) throws ReflectiveOperationException {
            segmentType.getMethod("setAtIndex", Class.forName("java.lang.foreign.AddressLayout"), long.class, segmentType)
                    .invoke(array, address, index, value);
        }
    }
}
