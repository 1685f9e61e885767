package org.liandong.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.liandong.directory.DemoDirectory;

/** Material files for tests: real PDFs made with PDFBox, uploads and acceptance through the real API. */
public final class MaterialFiles {

    /** Multipart file names in UTF-8, as browsers send them (REST Assured's default would turn 汉字 into ?). */
    public static final io.restassured.config.RestAssuredConfig UTF8_NAMES = io.restassured.RestAssured.config()
            .multiPartConfig(
                    io.restassured.config.MultiPartConfig.multiPartConfig().defaultCharset("UTF-8"))
            .httpClient(io.restassured.config.HttpClientConfig.httpClientConfig()
                    .httpMultipartMode(org.apache.http.entity.mime.HttpMultipartMode.BROWSER_COMPATIBLE));

    private MaterialFiles() {}

    /** A real PDF of {@code pages} pages, each saying "<title> page N". */
    public static byte[] pdf(String title, int pages) {
        try (PDDocument doc = new PDDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int i = 1; i <= pages; i++) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                    s.beginText();
                    s.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 24);
                    s.newLineAtOffset(72, 700);
                    s.showText(title + " page " + i);
                    s.endText();
                }
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Uploads {@code bytes} as {@code user}; returns the version's id (expects 200 or 201). */
    public static long upload(String user, long projectId, long itemId, byte[] bytes, String fileName) {
        return ((Number) given().auth()
                        .preemptive()
                        .basic(user, DemoDirectory.DEMO_PASSWORD)
                        .config(UTF8_NAMES)
                        .multiPart("file", fileName, bytes, "application/octet-stream")
                        .post("/api/projects/" + projectId + "/materials/" + itemId + "/files")
                        .then()
                        .statusCode(org.hamcrest.Matchers.oneOf(200, 201))
                        .extract()
                        .path("id"))
                .longValue();
    }

    /** The coordinator accepts {@code itemId} with version {@code fileId}. */
    public static void accept(long projectId, long itemId, long fileId) {
        given().auth()
                .preemptive()
                .basic("coordinator", DemoDirectory.DEMO_PASSWORD)
                .contentType(ContentType.JSON)
                .body(Map.of("status", "ACCEPTED", "fileId", fileId))
                .put("/api/projects/" + projectId + "/materials/" + itemId)
                .then()
                .statusCode(200);
    }

    /** Every checklist item of the project gets a three-page PDF (uploaded at the counter; pages 1-3 citable) and is accepted with it. */
    public static void acceptAll(long projectId) {
        List<Integer> items = given().auth()
                .preemptive()
                .basic("coordinator", DemoDirectory.DEMO_PASSWORD)
                .get("/api/projects/" + projectId)
                .then()
                .statusCode(200)
                .extract()
                .path("materials.id");
        for (Integer item : items) {
            long file = upload(
                    "coordinator",
                    projectId,
                    item,
                    pdf("project " + projectId + " item " + item, 3),
                    "item-" + item + ".pdf");
            accept(projectId, item, file);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
