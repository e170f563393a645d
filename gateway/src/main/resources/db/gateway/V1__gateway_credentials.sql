-- What clients registered with the gateway; loaded at start, written through on change.
CREATE TABLE gateway_api_keys (
    key_id      text PRIMARY KEY,
    secret      text NOT NULL,
    account_id  bigint NOT NULL,
    scopes      text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE gateway_wallets (
    address     text PRIMARY KEY,
    account_id  bigint NOT NULL,
    scopes      text NOT NULL
);

CREATE TABLE gateway_agents (
    wallet          text NOT NULL,
    agent           text NOT NULL,
    scopes          text NOT NULL,
    valid_until_ms  bigint NOT NULL,
    PRIMARY KEY (wallet, agent)
);

CREATE TABLE gateway_webhooks (
    id          text PRIMARY KEY,
    account_id  bigint NOT NULL,
    url         text NOT NULL,
    event_types text NOT NULL,
    secret      text NOT NULL
);
