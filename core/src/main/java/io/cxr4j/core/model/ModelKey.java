package io.cxr4j.core.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A secret key that its holder seals models with, for model folders that cross trust boundaries.
 * The SHA-256 list in every model folder finds damaged files and files that do not belong there,
 * but anyone who edits a model can rewrite that list too. With a key configured, writing a model
 * also writes an HMAC-SHA256 of the list ({@value ModelChecksums#KEYED_FILE}), and loading one
 * refuses a model whose HMAC is missing or was made without the key: only a key holder can
 * produce a model that loads.
 *
 * <p>The key is the content of a file named by the system property {@value #PROPERTY} or the
 * environment variable {@value #ENV} (the property wins); at least {@value #MINIMUM_BYTES} bytes,
 * such as {@code head -c 32 /dev/urandom > model.key}, and readable by its owner only.
 */
public final class ModelKey {

    /** System property naming the key file. */
    public static final String PROPERTY = "cxr4j.model.keyFile";
    /** Environment variable naming the key file. */
    public static final String ENV = "CXR4J_MODEL_KEY_FILE";
    /** The shortest key accepted, in bytes: HMAC-SHA256's security rests on the key's length. */
    public static final int MINIMUM_BYTES = 32;

    private static final String ALGORITHM = "HmacSHA256";

    private final Path file;
    private final SecretKeySpec key;

    private ModelKey(Path file, byte[] key) {
        this.file = file;
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /**
     * The key configured for this process, read afresh on each call.
     *
     * @return the key, or empty when neither {@value #PROPERTY} nor {@value #ENV} is set
     * @throws IOException when the key file is missing, too short or readable by other users
     */
    public static Optional<ModelKey> configured() throws IOException {
        String property = System.getProperty(PROPERTY);
        String named = property != null && !property.isBlank() ? property : System.getenv(ENV);
        if (named == null || named.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(read(Path.of(named)));
    }

    /**
     * Reads a key file.
     *
     * @param file the key file
     * @return the key
     * @throws IOException when the file is missing, too short or readable by other users
     */
    public static ModelKey read(Path file) throws IOException {
        String setting = " (the model key named by " + PROPERTY + " or " + ENV + ")";
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such key file" + setting
                    + "; create it with: head -c 32 /dev/urandom > " + file + " && chmod 600 " + file);
        }
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix != null) {
            Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
            if (permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                throw new IOException("Model key file " + file + setting + " is readable by other users ("
                        + PosixFilePermissions.toString(permissions) + "), who could then seal models as you."
                        + " Run chmod 600 " + file + ".");
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < MINIMUM_BYTES) {
            throw new IOException("Model key file " + file + setting + " holds " + bytes.length + " bytes; a key"
                    + " needs at least " + MINIMUM_BYTES + ". Create one with: head -c 32 /dev/urandom > " + file);
        }
        return new ModelKey(file, bytes);
    }

    /** @return the file the key was read from */
    public Path file() {
        return file;
    }

    /** @return the HMAC-SHA256 of {@code data} under this key, in lower-case hex */
    String seal(byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(data));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("This JVM lacks " + ALGORITHM + ", which every Java SE provides", e);
        }
    }

    /** @return whether {@code seal} is this key's HMAC of {@code data}, compared in constant time */
    boolean sealed(byte[] data, String seal) {
        return MessageDigest.isEqual(seal(data).getBytes(StandardCharsets.US_ASCII),
                seal.strip().getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "ModelKey[" + file + "]";
    }
}
