package space.tokenta.verify.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Evidence as one file per CID under a directory (the embedded default). */
public final class DirectoryEvidenceStore implements EvidenceStore
{
    private final Path directory;

    public DirectoryEvidenceStore(final Path directory)
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

    @Override
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

    @Override
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

    @Override
    public boolean contains(final Cid cid)
    {
        return Files.isRegularFile(pathOf(cid));
    }

    public Path pathOf(final Cid cid)
    {
        return directory.resolve(cid.toString());
    }
}
