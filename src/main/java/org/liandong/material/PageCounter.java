package org.liandong.material;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.jboss.logging.Logger;

/**
 * How many pages a material version has, so that a cited page can be checked. PDF: the page tree's
 * count as Apache PDFBox reads it; JPEG and PNG: one page. Anything else (TIFF, OFD, drawings,
 * Office files) and a PDF PDFBox cannot open (damaged, or encrypted with a user password): 0, unknown.
 */
final class PageCounter {

    private static final Logger LOG = Logger.getLogger(PageCounter.class);

    private PageCounter() {}

    /** Pages of {@code bytes} (consumed, not closed) of the detected {@code mediaType}; 0 if not known. */
    static int count(String mediaType, InputStream bytes) throws IOException {
        switch (mediaType) {
            case "image/jpeg", "image/png" -> {
                return 1;
            }
            case "application/pdf" -> {
                // PDFBox reads a file by random access (the xref at the end): a temporary copy keeps a large
                // drawing out of the heap, which loading from a stream would not.
                Path copy = Files.createTempFile("liandong-pages-", ".pdf");
                try {
                    Files.copy(bytes, copy, StandardCopyOption.REPLACE_EXISTING);
                    try (PDDocument doc = Loader.loadPDF(copy.toFile())) {
                        return doc.getNumberOfPages();
                    } catch (IOException e) {
                        LOG.debugf("PDF pages not readable (%s): any page may be cited", e.getMessage());
                        return 0;
                    }
                } finally {
                    Files.deleteIfExists(copy);
                }
            }
            default -> {
                return 0;
            }
        }
    }
}
