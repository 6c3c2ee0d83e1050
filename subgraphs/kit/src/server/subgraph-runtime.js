"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=subgraph-runtime.js.map