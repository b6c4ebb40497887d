package dev.syncer.app;

import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.PopupWindow;
import javafx.stage.Window;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The README's step screenshots, taken by a UI test on its way when {@code -Dsyncer.docs.shots=DIR}
 * is given (e.g. {@code docs}); otherwise nothing. The windows showing are drawn into one PNG where
 * they are on the screen, so a prediction dialog shows over the dimmed console.
 */
final class DocsShots {

    private static final String DIR = System.getProperty("syncer.docs.shots");

    private DocsShots() {
    }

    static boolean wanted() {
        return DIR != null && !DIR.isBlank();
    }

    static void take(String name) {
        if (!wanted()) {
            return;
        }
        try {
            // every window but popups (a closing context menu), each where it is on the screen
            List<Layer> layers = WaitForAsyncUtils.asyncFx(() -> Window.getWindows().stream()
                    .filter(w -> w.isShowing() && !(w instanceof PopupWindow))
                    .map(w -> new Layer(w.getX(), w.getY(), w.getScene().snapshot(null))).toList())
                    .get(20, TimeUnit.SECONDS);
            BufferedImage out = null;
            Layer main = layers.getFirst();
            for (Layer layer : layers) {
                BufferedImage img = toAwt(layer.image());
                if (out == null) {
                    out = img;
                } else {
                    out.getGraphics().drawImage(img, (int) (layer.x() - main.x()), (int) (layer.y() - main.y()), null);
                }
            }
            Path dir = Files.createDirectories(Path.of(DIR));
            ImageIO.write(out, "png", dir.resolve(name + ".png").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("screenshot " + name, e);
        }
    }

    private record Layer(double x, double y, WritableImage image) {
    }

    private static BufferedImage toAwt(WritableImage fx) {
        int w = (int) fx.getWidth();
        int h = (int) fx.getHeight();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = fx.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        return img;
    }
}
