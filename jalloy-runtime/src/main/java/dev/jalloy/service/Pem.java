package dev.jalloy.service;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM certificates and private keys as Go's {@code tls.X509KeyPair} reads them: certificate chains,
 * and keys in PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC 1 ({@code EC
 * PRIVATE KEY}) form. The JDK reads only PKCS#8, so the other two are wrapped into it here; the
 * JDK's own PEM API is still a preview in Java 25.
 *
 * <p>Shared by the server-side TLS of the {@code http} block and the client-side {@code tls_config}
 * of components.
 */
public final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

  /** rsaEncryption, 1.2.840.113549.1.1.1, with NULL parameters. */
  private static final byte[] RSA_ALGORITHM = {
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };

  /** id-ecPublicKey, 1.2.840.10045.2.1. */
  private static final byte[] EC_PUBLIC_KEY_OID = {
    0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01
  };

  private Pem() {}

  /**
   * Every {@code CERTIFICATE} block of {@code pem}, in order; other blocks are skipped.
   *
   * @param pem PEM text
   * @param what names the input in the error, as Go does ({@code "certificate input"})
   * @return at least one certificate
   * @throws GeneralSecurityException when there is no certificate or one does not parse
   */
  public static List<X509Certificate> certificates(String pem, String what)
      throws GeneralSecurityException {
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    List<X509Certificate> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(pem);
    while (m.find()) {
      if (m.group(1).equals("CERTIFICATE")) {
        out.add(
            (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(decode(m.group(2)))));
      }
    }
    if (out.isEmpty()) {
      throw new GeneralSecurityException("failed to find any PEM data in " + what);
    }
    return out;
  }

  /**
   * The first private key of {@code pem}, in PKCS#8, PKCS#1 or SEC 1 form.
   *
   * @param pem PEM text, which may also hold certificates
   * @return the key
   * @throws GeneralSecurityException when there is no key or it does not parse
   */
  public static PrivateKey privateKey(String pem) throws GeneralSecurityException {
    Matcher m = BLOCK.matcher(pem);
    while (m.find()) {
      String type = m.group(1);
      byte[] der = decode(m.group(2));
      switch (type) {
        case "PRIVATE KEY" -> {
          return pkcs8(der);
        }
        case "RSA PRIVATE KEY" -> {
          return KeyFactory.getInstance("RSA")
              .generatePrivate(new PKCS8EncodedKeySpec(wrap(RSA_ALGORITHM, der)));
        }
        case "EC PRIVATE KEY" -> {
          byte[] algorithm = sequence(concat(EC_PUBLIC_KEY_OID, sec1Curve(der)));
          return KeyFactory.getInstance("EC")
              .generatePrivate(new PKCS8EncodedKeySpec(wrap(algorithm, der)));
        }
        default -> {} // certificates and parameters may share the file; skip them
      }
    }
    throw new GeneralSecurityException("failed to find any PEM data in key input");
  }

  private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
    GeneralSecurityException last = null;
    for (String algorithm : List.of("RSA", "EC", "Ed25519", "RSASSA-PSS")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw new GeneralSecurityException("unsupported private key type", last);
  }

  /** PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier, OCTET STRING key }. */
  private static byte[] wrap(byte[] algorithm, byte[] key) {
    byte[] version = {0x02, 0x01, 0x00};
    return sequence(concat(version, algorithm, tlv(0x04, key)));
  }

  /**
   * The curve OID of a SEC 1 ECPrivateKey: {@code SEQUENCE { INTEGER 1, OCTET STRING, [0] OID, ...
   * }}.
   */
  private static byte[] sec1Curve(byte[] der) throws GeneralSecurityException {
    int[] pos = {0};
    expect(der, pos, 0x30);
    readLength(der, pos);
    while (pos[0] < der.length) {
      int tag = der[pos[0]++] & 0xff;
      int len = readLength(der, pos);
      if (tag == 0xa0) {
        byte[] oid = new byte[len];
        System.arraycopy(der, pos[0], oid, 0, len);
        return oid; // the OID's full TLV
      }
      pos[0] += len;
    }
    throw new GeneralSecurityException("EC private key without curve parameters");
  }

  private static void expect(byte[] der, int[] pos, int tag) throws GeneralSecurityException {
    if ((der[pos[0]++] & 0xff) != tag) {
      throw new GeneralSecurityException("malformed EC private key");
    }
  }

  private static int readLength(byte[] der, int[] pos) {
    int b = der[pos[0]++] & 0xff;
    if (b < 0x80) {
      return b;
    }
    int len = 0;
    for (int i = 0; i < (b & 0x7f); i++) {
      len = (len << 8) | (der[pos[0]++] & 0xff);
    }
    return len;
  }

  private static byte[] sequence(byte[] content) {
    return tlv(0x30, content);
  }

  private static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
    out.write(tag);
    int len = content.length;
    if (len < 0x80) {
      out.write(len);
    } else if (len < 0x100) {
      out.write(0x81);
      out.write(len);
    } else if (len < 0x10000) {
      out.write(0x82);
      out.write(len >> 8);
      out.write(len);
    } else {
      out.write(0x83);
      out.write(len >> 16);
      out.write(len >> 8);
      out.write(len);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] decode(String base64) {
    return Base64.getMimeDecoder().decode(base64);
  }
}
