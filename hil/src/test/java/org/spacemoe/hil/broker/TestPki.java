package org.spacemoe.hil.broker;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI for broker tests, made with BouncyCastle: a CA, a server certificate for 127.0.0.1 /
 * localhost and client certificates whose CN is the MQTT user name. ECDSA P-256, valid from an hour ago for a
 * day. PEM files for Mosquitto, {@link SSLSocketFactory}s for Paho.
 */
final class TestPki {
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  /** A key and its certificate chain (leaf first). */
  record Identity(String cn, KeyPair keys, X509Certificate cert, X509Certificate... chain) {}

  private final Identity ca;

  private TestPki(Identity ca) {
    this.ca = ca;
  }

  static TestPki create() throws Exception {
    return new TestPki(selfSigned("SpaceMoE test CA", true));
  }

  X509Certificate caCert() {
    return ca.cert();
  }

  /** A certificate that is not from the CA (same key type, any CN). */
  static Identity selfSigned(String cn, boolean isCa) throws Exception {
    KeyPair kp = ecKeyPair();
    X500Name name = new X500Name("CN=" + cn);
    X509v3CertificateBuilder b = builder(name, name, kp);
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
    if (isCa) {
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } else {
      b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
    }
    return new Identity(cn, kp, sign(b, kp.getPrivate()));
  }

  /** Server certificate for 127.0.0.1 and localhost. */
  Identity server() throws Exception {
    KeyPair kp = ecKeyPair();
    X509v3CertificateBuilder b = leaf("localhost", kp);
    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
        new GeneralName(GeneralName.dNSName, "localhost"),
        new GeneralName(GeneralName.iPAddress, InetAddress.getLoopbackAddress().getHostAddress())}));
    return new Identity("localhost", kp, sign(b, ca.keys().getPrivate()), ca.cert());
  }

  /** Client certificate with {@code CN=cn}, signed by the CA. */
  Identity client(String cn) throws Exception {
    KeyPair kp = ecKeyPair();
    X509v3CertificateBuilder b = leaf(cn, kp);
    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
    return new Identity(cn, kp, sign(b, ca.keys().getPrivate()), ca.cert());
  }

  private X509v3CertificateBuilder leaf(String cn, KeyPair kp) throws Exception {
    X509v3CertificateBuilder b = builder(new X500Name(ca.cert().getSubjectX500Principal().getName()),
        new X500Name("CN=" + cn), kp);
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
    b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca.cert()));
    return b;
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair kp) {
    long now = System.currentTimeMillis();
    return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
        new Date(now - 3_600_000L), new Date(now + 86_400_000L), subject, kp.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey issuerKey) throws Exception {
    return new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
  }

  private static KeyPair ecKeyPair() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
    return g.generateKeyPair();
  }

  /** Writes a certificate as PEM. */
  static void writeCert(X509Certificate cert, Path file) throws IOException {
    Files.writeString(file, pem(cert));
  }

  /** Writes a private key as PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}). */
  static void writeKey(PrivateKey key, Path file) throws IOException {
    Files.writeString(file, pem(new JcaPKCS8Generator(key, null)));
  }

  private static String pem(Object o) throws IOException {
    StringWriter s = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(s)) {
      w.writeObject(o);
    }
    return s.toString();
  }

  /**
   * TLS for a client: presents {@code identity} (null: no client certificate) and trusts only this CA.
   */
  SSLSocketFactory socketFactory(Identity identity) throws Exception {
    KeyManagerFactory kmf = null;
    if (identity != null) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      X509Certificate[] chain = new X509Certificate[1 + identity.chain().length];
      chain[0] = identity.cert();
      System.arraycopy(identity.chain(), 0, chain, 1, identity.chain().length);
      ks.setKeyEntry("client", identity.keys().getPrivate(), new char[0], chain);
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, new char[0]);
    }
    KeyStore ts = KeyStore.getInstance("PKCS12");
    ts.load(null, null);
    ts.setCertificateEntry("ca", ca.cert());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ts);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
    return ctx.getSocketFactory();
  }
}
