package dev.footfall.tracker.build;

import com.google.javascript.jscomp.CommandLineRunner;
import com.google.javascript.jscomp.CompilationLevel;
import com.google.javascript.jscomp.Compiler;
import com.google.javascript.jscomp.CompilerOptions;
import com.google.javascript.jscomp.CompilerOptions.LanguageMode;
import com.google.javascript.jscomp.JSError;
import com.google.javascript.jscomp.Result;
import com.google.javascript.jscomp.SourceFile;
import com.google.javascript.jscomp.WarningLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The tracker module's build step: minifies {@code tracker.js} with Closure Compiler,
 * measures it after gzip -9, writes the minified file and the size report, and fails
 * the build when the gzipped script is over its budget.
 *
 * <p>Run by exec-maven-plugin as a single-file source program on a forked JVM ({@code java
 * -cp closure-compiler.jar TrackerBuild.java ...}): Closure stays off every classpath of
 * the project, and a failure is an exit code that fails {@code process-resources}, so
 * {@code package} never sees an oversized tracker. Costs about 3 s per build, most of it
 * Closure's start-up.
 *
 * <p>SIMPLE optimizations: they rename locals and fold code but keep property names, so
 * the DOM, the payload keys and the {@code footfall} global stay as written. ADVANCED
 * measured no smaller on this script (1 byte larger gzipped) and would rename any
 * property missing from Closure's externs.
 *
 * <p>gzip -9 is measured in the JVM with {@link Deflater#BEST_COMPRESSION} and the
 * 18-byte gzip header and trailer, which gives the same count as {@code gzip -9n}.
 */
public final class TrackerBuild {

    private TrackerBuild() {
    }

    /** Arguments: source .js, minified output .js, size report .txt, budget in gzip bytes. */
    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: TrackerBuild <source.js> <output.js> <size-report.txt> <max-gzip-bytes>");
            System.exit(2);
        }
        Path source = Path.of(args[0]);
        Path output = Path.of(args[1]);
        Path report = Path.of(args[2]);
        int maxGzipBytes = Integer.parseInt(args[3]);

        byte[] minified = minify(source).getBytes(UTF_8);
        int gzipBytes = gzipSize(minified);
        String sizes = "tracker.js: %d bytes minified, %d bytes gzip -9 (budget %d)"
                .formatted(minified.length, gzipBytes, maxGzipBytes);

        Files.createDirectories(output.getParent());
        Files.write(output, minified);
        Files.createDirectories(report.getParent());
        Files.writeString(report, sizes + "\n");
        System.out.println(sizes);

        if (gzipBytes > maxGzipBytes) {
            System.err.println("tracker.js is " + (gzipBytes - maxGzipBytes)
                    + " bytes over its gzip -9 budget of " + maxGzipBytes + " bytes: make "
                    + source + " smaller");
            System.exit(1);
        }
    }

    static String minify(Path source) throws IOException {
        CompilerOptions options = new CompilerOptions();
        CompilationLevel.SIMPLE_OPTIMIZATIONS.setOptionsForCompilationLevel(options);
        WarningLevel.DEFAULT.setOptionsForWarningLevel(options);
        options.setLanguageIn(LanguageMode.ECMASCRIPT5_STRICT);
        options.setLanguageOut(LanguageMode.ECMASCRIPT5_STRICT);
        options.setEmitUseStrict(false);
        // One line: a line break is a byte too.
        options.setLineLengthThreshold(Integer.MAX_VALUE);
        // Served as a script, never inlined in HTML: no \x3d escapes for '=' and '<'.
        options.setTrustedStrings(true);

        Compiler compiler = new Compiler(System.err);
        Result result = compiler.compile(
                CommandLineRunner.getBuiltinExterns(CompilerOptions.Environment.BROWSER),
                List.of(SourceFile.fromPath(source, UTF_8)),
                options);
        List<JSError> warnings = compiler.getWarnings();
        if (!result.success) {
            System.err.println("Closure Compiler rejected " + source);
            System.exit(1);
        }
        if (!warnings.isEmpty()) {
            System.err.println(warnings.size() + " Closure Compiler warning(s) in " + source);
        }
        return compiler.toSource();
    }

    static int gzipSize(byte[] bytes) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip of the minified tracker", e);
        }
        return compressed.size();
    }
}
