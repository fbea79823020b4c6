package io.handraiser.contact.imports;

import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.GridFSUploadStream;
import com.mongodb.MongoGridFSException;
import io.handraiser.starter.eventlog.EventLogAutoConfiguration.EventLogDatabases;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Uploaded files in the service's database (GridFS, in chunks), so that a job survives a restart and any
 * instance can resume it. A file holds personal data in plain text, so it is deleted when its job ends.
 */
@Component
class ImportFiles {

    private static final int BUFFER = 64 * 1024;

    private final GridFSBucket bucket;

    ImportFiles(EventLogDatabases databases) {
        this.bucket = GridFSBuckets.create(databases.service(), "import_files");
    }

    /** Copies {@code upload} in chunks; never holds more than a buffer of it. */
    Stored store(String name, InputStream upload, long maxBytes) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        long bytes = 0;
        GridFSUploadStream target = bucket.openUploadStream(name);
        try {
            byte[] buffer = new byte[BUFFER];
            for (int read = upload.read(buffer); read >= 0; read = upload.read(buffer)) {
                bytes += read;
                if (bytes > maxBytes) {
                    target.abort();
                    throw new FileTooLarge(maxBytes);
                }
                sha256.update(buffer, 0, read);
                target.write(buffer, 0, read);
            }
            target.close();
        } catch (IOException | RuntimeException failed) {
            if (!(failed instanceof FileTooLarge)) {
                target.abort();
            }
            throw failed;
        }
        return new Stored(target.getObjectId(), bytes, HexFormat.of().formatHex(sha256.digest()));
    }

    InputStream open(ObjectId file) {
        return bucket.openDownloadStream(file);
    }

    void delete(ObjectId file) {
        try {
            bucket.delete(file);
        } catch (MongoGridFSException gone) {
            // deleted before, by this runner or one that resumed the job: what was wanted
        }
    }

    record Stored(ObjectId id, long bytes, String sha256) {
    }

    /** The upload passed the limit; what was stored of it is gone again. */
    static final class FileTooLarge extends RuntimeException {
        private final long maxBytes;

        FileTooLarge(long maxBytes) {
            super("the file is larger than " + maxBytes + " bytes");
            this.maxBytes = maxBytes;
        }

        long maxBytes() {
            return maxBytes;
        }
    }
}
