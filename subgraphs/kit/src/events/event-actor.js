"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.actorOf = actorOf;
/** The caller as an event's actor: its user, or null for a caller without one. */
function actorOf(caller) {
    return caller.userId ? { userId: caller.userId } : null;
}
//# sourceMappingURL=event-actor.js.map