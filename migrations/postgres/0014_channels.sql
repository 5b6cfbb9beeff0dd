-- Requests by the way they came in (web form, phone call, walk-in, text message), for the
-- reports' breakdown by channel, and the phone requests still waiting for their first call.

-- Phone requests no one has called back yet: the caseloads pin them on top, and there are few
-- at any time, so this index finds them without walking every open case.
CREATE INDEX cases_call_back ON cases (created_at, id)
    WHERE channel = 'phone' AND first_contact_at IS NULL;

-- The stored sums of an ended period (see migration 0010) per channel.
CREATE TABLE channel_stats (
    period            BIGINT NOT NULL,
    channel           TEXT NOT NULL,
    requests          BIGINT NOT NULL DEFAULT 0,
    open_cases        BIGINT NOT NULL DEFAULT 0,
    unassigned        BIGINT NOT NULL DEFAULT 0,
    unmet             BIGINT NOT NULL DEFAULT 0,
    contacted         BIGINT NOT NULL DEFAULT 0,
    w00               BIGINT NOT NULL DEFAULT 0,
    w01               BIGINT NOT NULL DEFAULT 0,
    w02               BIGINT NOT NULL DEFAULT 0,
    w03               BIGINT NOT NULL DEFAULT 0,
    w04               BIGINT NOT NULL DEFAULT 0,
    w05               BIGINT NOT NULL DEFAULT 0,
    w06               BIGINT NOT NULL DEFAULT 0,
    w07               BIGINT NOT NULL DEFAULT 0,
    w08               BIGINT NOT NULL DEFAULT 0,
    w09               BIGINT NOT NULL DEFAULT 0,
    w10               BIGINT NOT NULL DEFAULT 0,
    w11               BIGINT NOT NULL DEFAULT 0,
    w12               BIGINT NOT NULL DEFAULT 0,
    w13               BIGINT NOT NULL DEFAULT 0,
    w14               BIGINT NOT NULL DEFAULT 0,
    w15               BIGINT NOT NULL DEFAULT 0,
    w16               BIGINT NOT NULL DEFAULT 0,
    w17               BIGINT NOT NULL DEFAULT 0,
    w18               BIGINT NOT NULL DEFAULT 0,
    resolved          BIGINT NOT NULL DEFAULT 0,
    connected         BIGINT NOT NULL DEFAULT 0,
    dev_laptop        BIGINT NOT NULL DEFAULT 0,
    dev_desktop       BIGINT NOT NULL DEFAULT 0,
    dev_tablet        BIGINT NOT NULL DEFAULT 0,
    dev_smartphone    BIGINT NOT NULL DEFAULT 0,
    dev_hotspot       BIGINT NOT NULL DEFAULT 0,
    dev_other         BIGINT NOT NULL DEFAULT 0,
    training_sessions BIGINT NOT NULL DEFAULT 0,
    trained           BIGINT NOT NULL DEFAULT 0,
    skill_pairs       BIGINT NOT NULL DEFAULT 0,
    skill_gain        BIGINT NOT NULL DEFAULT 0,
    c30_answered      BIGINT NOT NULL DEFAULT 0,
    c30_yes           BIGINT NOT NULL DEFAULT 0,
    c90_answered      BIGINT NOT NULL DEFAULT 0,
    c90_yes           BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX channel_stats_period ON channel_stats (period);

-- A case's channel is set when it is filed; should one ever change, its period is built again.
CREATE TRIGGER cases_stats_channel AFTER UPDATE OF channel
    ON cases FOR EACH ROW EXECUTE FUNCTION cases_mark_stats();

-- Periods built before this table existed have no rows in it: they are read from `cases` until
-- they are built again.
UPDATE stats_periods SET dirty = dirty + 1;
