-- Messages sent through the portal's contact form, read by platform
-- administrators. user_id is set when the sender was signed in.

CREATE TABLE support_messages (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    name       TEXT NOT NULL,
    email      TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX support_messages_created ON support_messages (created_at);
