"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.streamLimitsFromEnv = streamLimitsFromEnv;
exports.ensureStream = ensureStream;
const nats_1 = require("nats");
const kit_config_1 = require("../config/kit-config");
/** The limits from the environment every process of an install shares, so whichever replica updates a stream sets the same ones. */
function streamLimitsFromEnv() {
    const storage = (0, kit_config_1.readEventStorage)(process.env);
    return { maxAgeMs: storage.streamMaxAgeMs, maxBytes: storage.streamMaxBytes };
}
/** Creates or updates a domain's stream; safe to call from every replica at every start. */
async function ensureStream(jsm, names, domain, limits = streamLimitsFromEnv()) {
    const config = {
        name: names.stream(domain),
        subjects: [names.streamSubjects(domain)],
        storage: nats_1.StorageType.File,
        retention: nats_1.RetentionPolicy.Limits,
        max_age: (0, nats_1.nanos)(limits.maxAgeMs),
        max_bytes: limits.maxBytes,
        // publishes carry Nats-Msg-Id = event id; a repeat within this window is dropped
        duplicate_window: 2 * 60 * 1_000_000_000,
    };
    try {
        await jsm.streams.info(config.name);
        await jsm.streams.update(config.name, config);
    }
    catch (error) {
        if (!String(error.message).includes('stream not found'))
            throw error;
        try {
            await jsm.streams.add(config);
        }
        catch (addError) {
            // a replica starting at the same moment created it first
            if (!String(addError.message).includes('already in use'))
                throw addError;
        }
    }
}
//# sourceMappingURL=streams.js.map