-- A random identity of this database, made once. Each server keeps its spool of acknowledged
-- events in a folder named after it, so a spool never replays into another database (a server
-- pointed at a new MYSQL_URL starts a new spool and leaves the old one for the old database).
CREATE TABLE database_identity (
    id VARCHAR(36) NOT NULL,
    PRIMARY KEY (id)
);
INSERT INTO database_identity (id) SELECT UUID();
