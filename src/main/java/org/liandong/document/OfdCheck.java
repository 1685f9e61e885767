package org.liandong.document;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.ofdrw.reader.OFDReader;
import org.ofdrw.sign.verify.OFDValidator;
import org.ofdrw.sign.verify.container.SESV4ValidateContainer;

/**
 * Checks the e-seals of an OFD file with ofdrw's verifier, without the service: for a records
 * office holding a decision (README "Documents"). Runs on the packaged application's libraries:
 * {@code java -cp 'target/quarkus-app/lib/main/*:target/quarkus-app/app/*' org.liandong.document.OfdCheck decision.ofd}.
 * Exit status 0 when every seal verifies (GB/T 38540 v4: each protected file's SM3 digest as
 * listed in Signature.xml, then the SM2 signature over it), 1 when one does not, 2 on bad usage.
 * It does not judge the certificate's issuer: compare the seal certificate with the body's.
 */
public final class OfdCheck {

    private OfdCheck() {}

    /** Null when every seal of the file verifies, else why not. */
    public static String problem(Path ofd) throws IOException {
        try (OFDReader reader = new OFDReader(ofd);
                OFDValidator validator = new OFDValidator(reader)) {
            validator.setValidator(new SESV4ValidateContainer());
            validator.exeValidate();
            return null;
        } catch (GeneralSecurityException | RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1 || !Files.isRegularFile(Path.of(args[0]))) {
            System.err.println("usage: OfdCheck <file.ofd>");
            System.exit(2);
        }
        String problem = problem(Path.of(args[0]));
        System.out.println(
                problem == null ? "OFD seals valid: every protected file unchanged" : "OFD seal INVALID: " + problem);
        System.exit(problem == null ? 0 : 1);
    }
}
