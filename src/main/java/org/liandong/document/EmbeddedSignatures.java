package org.liandong.document;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Checks the embedded signature of a PDF we issued against the seal certificate that issued it:
 * the CMS signature verifies over its byte range, and that range covers the whole file except the
 * signature value itself (nothing appended or changed after signing).
 */
public final class EmbeddedSignatures {

    private EmbeddedSignatures() {}

    /**
     * @param signed     a signature is present
     * @param valid      it verifies with the expected certificate over the whole file
     * @param timestamped it carries an RFC 3161 signature time-stamp (PAdES B-T)
     */
    public record Check(boolean signed, boolean valid, boolean timestamped) {}

    public static Check check(byte[] pdf, X509Certificate expected) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            List<PDSignature> signatures = doc.getSignatureDictionaries();
            if (signatures.isEmpty()) {
                return new Check(false, false, false);
            }
            PDSignature last = signatures.get(signatures.size() - 1);
            int[] range = last.getByteRange();
            boolean wholeFile = range.length == 4 && range[0] == 0 && range[2] + range[3] == pdf.length;
            CMSSignedData cms =
                    new CMSSignedData(new CMSProcessableByteArray(last.getSignedContent(pdf)), last.getContents(pdf));
            SignerInformation signer =
                    cms.getSignerInfos().getSigners().iterator().next();
            boolean verifies = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(expected));
            boolean stamped = signer.getUnsignedAttributes() != null
                    && signer.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken) != null;
            return new Check(true, wholeFile && verifies, stamped);
        } catch (IOException | CMSException | OperatorCreationException | RuntimeException e) {
            return new Check(false, false, false); // unreadable or not our structure: not a valid signature
        }
    }
}
