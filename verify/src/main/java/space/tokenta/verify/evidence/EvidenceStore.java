package space.tokenta.verify.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Content-addressed evidence: one file per CID under a directory. Reads re-hash the bytes, so a
 * tampered file is refused rather than served.
 */
public final class EvidenceStore
{
    public static final int MAX_OBJECT_BYTES = CanonicalJson.MAX_DOCUMENT_BYTES;

    private final Path directory;

    public EvidenceStore(final Path directory)
    {
        this.directory = directory;
        try
        {
            Files.createDirectories(directory);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public Path directory()
    {
        return directory;
    }

    public Cid put(final byte[] content)
    {
        if (content.length > MAX_OBJECT_BYTES)
        {
            throw new EvidenceException("evidence object larger than " + MAX_OBJECT_BYTES + " bytes");
        }
        final Cid cid = Cid.of(content);
        final Path target = pathOf(cid);
        if (Files.exists(target))
        {
            return cid;
        }
        try
        {
            final Path temp = Files.createTempFile(directory, ".put-", ".tmp");
            Files.write(temp, content);
            try
            {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            }
            catch (final AtomicMoveNotSupportedException ex)
            {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return cid;
    }

    /** The content of a CID, re-hashed; throws when absent or when the stored bytes do not match. */
    public byte[] get(final Cid cid)
    {
        final Path path = pathOf(cid);
        try
        {
            if (!Files.isRegularFile(path))
            {
                throw new EvidenceException("no evidence stored for " + cid);
            }
            if (Files.size(path) > MAX_OBJECT_BYTES)
            {
                throw new EvidenceException("stored object too large: " + cid);
            }
            final byte[] content = Files.readAllBytes(path);
            if (!cid.matches(content))
            {
                throw new EvidenceException("stored bytes do not hash to " + cid);
            }
            return content;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public boolean contains(final Cid cid)
    {
        return Files.isRegularFile(pathOf(cid));
    }

    public Path pathOf(final Cid cid)
    {
        return directory.resolve(cid.toString());
    }
}
