package org.liandong.document;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Signs a PDF with an embedded CMS signature, PAdES baseline B-B (ETSI EN 319 142-1 §6.3), or
 * B-T when a time-stamp authority is given, and draws the seal image in the signature's widget.
 * <ul>
 * <li>{@code /SubFilter /ETSI.CAdES.detached}; the CMS SignedData is detached over the byte range
 * (the whole file except the {@code /Contents} hole), saved as an incremental update so the
 * rendered PDF/A stays byte for byte under the signature;</li>
 * <li>signed attributes: content-type, message-digest and ESS signing-certificate-v2 (RFC 5035),
 * and no signing-time (EN 319 142-1 forbids it: the claimed time is the dictionary's {@code /M});</li>
 * <li>B-T: an RFC 3161 token over the signature value as the unsigned attribute
 * id-aa-signatureTimeStampToken (RFC 3161 Appendix A).</li>
 * </ul>
 * The widget is printable, has only a normal appearance and sits in an AcroForm with
 * {@code SigFlags 3}, as PDF/A-2 §6.3 and §6.4 ask.
 */
public final class PadesSigner {

    /** Room reserved for the CMS blob: certificate chain, signature, and a time-stamp token with its own chain. */
    private static final int SIGNATURE_SPACE = 24_576;

    private PadesSigner() {}

    /** What the signature dictionary says besides the CMS: who, why, where, when. */
    public record Claims(String name, String reason, String location, Instant at) {}

    /**
     * The signed PDF.
     *
     * @param seal     seal image (drawn in the widget at the spot), or empty for an invisible signature
     * @param tsa      time-stamp authority for PAdES B-T, or empty for B-B
     */
    public static byte[] sign(
            RenderedPdf rendered, SealKey key, Claims claims, Optional<SealStamp> seal, Optional<URI> tsa) {
        try (PDDocument doc = Loader.loadPDF(rendered.pdf())) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
            signature.setName(claims.name());
            signature.setReason(claims.reason());
            signature.setLocation(claims.location());
            Calendar when = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            when.setTimeInMillis(claims.at().toEpochMilli());
            signature.setSignDate(when);

            try (SignatureOptions options = new SignatureOptions()) {
                options.setPreferredSignatureSize(SIGNATURE_SPACE);
                if (seal.isPresent() && rendered.sealSpot().isPresent()) {
                    SealSpot spot = rendered.sealSpot().get();
                    options.setVisualSignature(widgetTemplate(doc, spot, seal.get()));
                    options.setPage(spot.page());
                }
                doc.addSignature(signature, content -> cms(content, key, tsa), options);
                ByteArrayOutputStream out =
                        new ByteArrayOutputStream(rendered.pdf().length + SIGNATURE_SPACE * 2 + 65_536);
                doc.saveIncremental(out);
                return out.toByteArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("signing the PDF failed", e);
        }
    }

    /** Detached CMS SignedData over the byte range, with the PAdES signed attributes and an optional time-stamp. */
    static byte[] cms(InputStream content, SealKey key, Optional<URI> tsa) throws IOException {
        try {
            byte[] data = content.readAllBytes();
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(
                    new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                            .setSignedAttributeGenerator(new PadesAttributes(signingCertificateV2(key)))
                            .build(new JcaContentSignerBuilder(key.algorithm()).build(key.key()), key.certificate()));
            generator.addCertificates(new JcaCertStore(key.chain()));
            CMSSignedData signed = generator.generate(new CMSProcessableByteArray(data), false);
            if (tsa.isPresent()) {
                signed = withTimestamp(signed, tsa.get());
            }
            return signed.getEncoded("DER");
        } catch (GeneralSecurityException | OperatorCreationException | CMSException e) {
            throw new IOException("CMS signature failed", e);
        }
    }

    /** Adds an RFC 3161 signature time-stamp (over the signer's signature value) as an unsigned attribute. */
    static CMSSignedData withTimestamp(CMSSignedData signed, URI tsa) throws IOException {
        SignerInformation signer =
                signed.getSignerInfos().getSigners().iterator().next();
        var token = TimestampClient.stamp(tsa, signer.getSignature());
        ASN1EncodableVector attributes = new ASN1EncodableVector();
        attributes.add(new Attribute(
                PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                new DERSet(ASN1Primitive.fromByteArray(token.getEncoded()))));
        SignerInformation stamped = SignerInformation.replaceUnsignedAttributes(signer, new AttributeTable(attributes));
        return CMSSignedData.replaceSigners(signed, new SignerInformationStore(List.of(stamped)));
    }

    private static Attribute signingCertificateV2(SealKey key) throws GeneralSecurityException {
        byte[] hash =
                MessageDigest.getInstance("SHA-256").digest(key.certificate().getEncoded());
        IssuerSerial issuerSerial = new IssuerSerial(
                new GeneralNames(new GeneralName(X500Name.getInstance(
                        key.certificate().getIssuerX500Principal().getEncoded()))),
                key.certificate().getSerialNumber());
        ESSCertIDv2 id = new ESSCertIDv2(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256), hash, issuerSerial);
        return new Attribute(
                PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                new DERSet(new SigningCertificateV2(new ESSCertIDv2[] {id})));
    }

    /** BouncyCastle's standard signed attributes, without signing-time (PAdES baseline keeps the time in /M). */
    private static final class PadesAttributes extends DefaultSignedAttributeTableGenerator {
        PadesAttributes(Attribute signingCertificate) {
            super(new AttributeTable(new ASN1EncodableVector() {
                {
                    add(signingCertificate);
                }
            }));
        }

        @Override
        @SuppressWarnings("rawtypes")
        public AttributeTable getAttributes(Map parameters) {
            return super.getAttributes(parameters).remove(CMSAttributes.signingTime);
        }
    }

    /**
     * A one-page document holding only the signature field whose widget shows the seal, in the
     * form PDFBox merges into the signed file (as in PDFBox's CreateVisibleSignature2 example).
     */
    private static InputStream widgetTemplate(PDDocument source, SealSpot spot, SealStamp seal) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(source.getPage(spot.page()).getMediaBox());
            doc.addPage(page);
            PDAcroForm form = new PDAcroForm(doc);
            doc.getDocumentCatalog().setAcroForm(form);
            PDSignatureField field = new PDSignatureField(form);
            PDAnnotationWidget widget = field.getWidgets().get(0);
            form.setSignaturesExist(true);
            form.setAppendOnly(true);
            form.getCOSObject().setDirect(true);
            form.getFields().add(field);

            PDRectangle rect = new PDRectangle(spot.x(), spot.y(), spot.width(), spot.height());
            widget.setRectangle(rect);
            widget.setPrinted(true);
            widget.setPage(page);

            PDFormXObject appearanceForm = new PDFormXObject(new PDStream(doc));
            appearanceForm.setResources(new PDResources());
            appearanceForm.setFormType(1);
            appearanceForm.setBBox(new PDRectangle(spot.width(), spot.height()));
            PDAppearanceDictionary appearance = new PDAppearanceDictionary();
            appearance.getCOSObject().setDirect(true);
            PDAppearanceStream normal = new PDAppearanceStream(appearanceForm.getCOSObject());
            appearance.setNormalAppearance(normal);
            widget.setAppearance(appearance);
            try (PDPageContentStream cs = new PDPageContentStream(doc, normal)) {
                PDImageXObject image = seal.in(doc);
                float side = Math.min(spot.width(), spot.height());
                cs.drawImage(image, (spot.width() - side) / 2, (spot.height() - side) / 2, side, side);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return new ByteArrayInputStream(out.toByteArray());
        }
    }
}
