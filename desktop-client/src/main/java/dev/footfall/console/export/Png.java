package dev.footfall.console.export;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;

/**
 * Writes a JavaFX {@link Image} as an 8-bit RGBA PNG. JavaFX has no image writer and the usual
 * route ({@code SwingFXUtils} + ImageIO) would pull {@code java.desktop} into the runtime image
 * for one button; a PNG is a header, one deflated IDAT chunk and an end marker.
 */
public final class Png {
    private static final byte[] SIGNATURE = {(byte) 137, 80, 78, 71, 13, 10, 26, 10};

    private Png() {
    }

    public static void write(Image image, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(encode(image));
        }
    }

    public static byte[] encode(Image image) throws IOException {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        PixelReader pixels = image.getPixelReader();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(raw)) {
            byte[] row = new byte[1 + width * 4];
            for (int y = 0; y < height; y++) {
                row[0] = 0; // filter: none
                for (int x = 0; x < width; x++) {
                    int argb = pixels.getArgb(x, y);
                    int i = 1 + x * 4;
                    row[i] = (byte) (argb >> 16);
                    row[i + 1] = (byte) (argb >> 8);
                    row[i + 2] = (byte) argb;
                    row[i + 3] = (byte) (argb >>> 24);
                }
                deflate.write(row);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(SIGNATURE);
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(header);
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[] {8, 6, 0, 0, 0}); // 8 bits, RGBA, deflate, no filter set, no interlace
        chunk(png, "IHDR", header.toByteArray());
        chunk(png, "IDAT", raw.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) throws IOException {
        DataOutputStream out = new DataOutputStream(png);
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(typeBytes);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
