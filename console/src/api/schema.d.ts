// Generated from the API's OpenAPI document by `npm run build` (scripts/lib/console-build.mjs): do not edit.
export interface paths {
    "/cases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List cases in the caller's scope; or look one up by receipt, document, idNumber or passportNo (POST /cases/lookup keeps them out of URLs) */
        get: {
            parameters: {
                query?: {
                    type?: "port-visa" | "multi-entry-visa" | "hukou-migration" | "first-id-card" | "residence-permit" | "newborn-registration" | "household-certificate" | "id-card-replacement" | "temporary-id-card" | "no-criminal-record" | "foreigner-residence-permit" | "id-card-loss-report" | "residence-permit-endorsement";
                    status?: "submitted" | "awaiting-materials" | "accepted" | "approved" | "completed" | "not-accepted" | "refused" | "withdrawn" | "revoked";
                    office?: string;
                    sla?: "on-track" | "at-risk" | "breached" | "paused" | "none";
                    crossProvince?: "true" | "false";
                    limit?: number;
                    cursor?: string;
                    receipt?: string;
                    document?: string;
                    idNumber?: string;
                    passportNo?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CasePage"];
                    };
                };
                /** @description malformed JSON, unknown fields or wrong types */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no token, bad signature, or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description the role or office may not do this to this case */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Open a case (caseworker: window; applicant: online) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["OpenCase"];
                };
            };
            responses: {
                /** @description the case view */
                201: {
                    headers: {
                        /** @description /cases/{caseId} */
                        Location?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CaseView"];
                    };
                };
                /** @description malformed JSON, unknown fields or wrong types */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no token, bad signature, or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description the role or office may not do this to this case */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a body that is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description well-formed but breaks a domain rule, or an Idempotency-Key reused with another body */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cases/lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Find the cases in your scope that carry a receipt, document, ID or passport number (exact match; each find is in the access log) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Lookup"];
                };
            };
            responses: {
                /** @description the cases found, newest first (at most 50) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CasePage"];
                    };
                };
                /** @description malformed JSON, unknown fields or wrong types */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no token, bad signature, or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description the role or office may not do this to this case */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a body that is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cases/{caseId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One case */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    caseId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the case view */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CaseView"];
                    };
                };
                /** @description no token, bad signature, or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description the role or office may not do this to this case */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no such case (or one the caller may not know of) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cases/{caseId}/actions/{action}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Apply an action */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "Idempotency-Key"?: string;
                };
                path: {
                    caseId: string;
                    action: "accept" | "affix-permit" | "answer-objection" | "approve" | "assign" | "capture-biometrics" | "capture-photo" | "confirm-move-out" | "decide-correction" | "decline-certificate" | "decline-move-out" | "decline-sign-off" | "deliver-certificate" | "deliver-permit" | "endorse" | "extend-deadline" | "extend-objection-review" | "hand-over" | "issue-hukou-page" | "issue-temporary-id" | "object" | "pause-clock" | "recheck-records" | "record-return" | "refuse" | "refuse-acceptance" | "register-settlement" | "replace" | "report-loss" | "request-correction" | "request-materials" | "resume-clock" | "retry-allocation" | "retry-listing" | "retry-production" | "review-duplicates" | "revoke" | "show-proof-of-use" | "sign-off" | "supplement" | "surrender" | "withdraw";
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["ActionBody"];
                };
            };
            responses: {
                /** @description the case view after the action */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CaseView"];
                    };
                };
                /** @description malformed JSON, unknown fields or wrong types */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no token, bad signature, or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description the role or office may not do this to this case */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no such case (or one the caller may not know of) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed in the case's current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a body that is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description well-formed but breaks a domain rule, or an Idempotency-Key reused with another body */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cases/{caseId}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The events of a case in version order */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    caseId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description history */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["History"];
                    };
                };
                /** @description no token, bad signature, or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description the role or office may not do this to this case */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no such case (or one the caller may not know of) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cases/{caseId}/state": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The case as it was after version N or at an instant, replayed from events */
        get: {
            parameters: {
                query?: {
                    version?: number;
                    at?: string;
                };
                header?: never;
                path: {
                    caseId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the case view then */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CaseView"];
                    };
                };
                /** @description malformed JSON, unknown fields or wrong types */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no token, bad signature, or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description the role or office may not do this to this case */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no such case (or one the caller may not know of) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cases/{caseId}/integrity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Hash chain recomputed and cross-checked with the workflow */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    caseId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description result */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Integrity"];
                    };
                };
                /** @description no token, bad signature, or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description the role or office may not do this to this case */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no such case (or one the caller may not know of) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cases/{caseId}/access-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who read the case, found it by a look-up, or was refused it (oldest first) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    caseId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the access log */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccessLog"];
                    };
                };
                /** @description no token, bad signature, or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description the role or office may not do this to this case */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no such case (or one the caller may not know of) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/queues/{office}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Cases waiting for an office to act, most urgent first */
        get: {
            parameters: {
                query?: {
                    crossProvince?: "true" | "false";
                };
                header?: never;
                path: {
                    office: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the queue */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Queue"];
                    };
                };
                /** @description malformed JSON, unknown fields or wrong types */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no token, bad signature, or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description the role or office may not do this to this case */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sla/board": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every running clock with its state, and totals */
        get: {
            parameters: {
                query?: {
                    office?: string;
                    type?: "port-visa" | "multi-entry-visa" | "hukou-migration" | "first-id-card" | "residence-permit" | "newborn-registration" | "household-certificate" | "id-card-replacement" | "temporary-id-card" | "no-criminal-record" | "foreigner-residence-permit" | "id-card-loss-report" | "residence-permit-endorsement";
                    caseId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the board */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SlaBoard"];
                    };
                };
                /** @description malformed JSON, unknown fields or wrong types */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no token, bad signature, or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description the role or office may not do this to this case */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sla/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Server-Sent Events: one message per SLA event */
        get: {
            parameters: {
                query?: never;
                header?: {
                    /** @description resume after this event (an id the stream sent); empty is the same as absent */
                    "Last-Event-ID"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description event stream */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": string;
                    };
                };
                /** @description malformed JSON, unknown fields or wrong types */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no token, bad signature, or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description the role or office may not do this to this case */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Counts by type, channel, status and cross-province */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description counts */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Stats"];
                    };
                };
                /** @description no token, bad signature, or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description the role or office may not do this to this case */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/projections/{name}/rebuild": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rebuild one read model from the event log */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "Idempotency-Key"?: string;
                };
                path: {
                    name: "cases" | "queues" | "sla" | "stats" | "documents";
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": Record<string, never> | null;
                };
            };
            responses: {
                /** @description rebuild started */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Rebuild"];
                    };
                };
                /** @description malformed JSON, unknown fields or wrong types */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no token, bad signature, or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description the role or office may not do this to this case */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no such case (or one the caller may not know of) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description not allowed in the case's current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a body that is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description well-formed but breaks a domain rule, or an Idempotency-Key reused with another body */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the process runs */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Liveness"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ready */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Health"];
                    };
                };
                /** @description a dependency is unreachable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description text exposition format */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs-json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This OpenAPI document */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OpenAPI 3.1 */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            openapi: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document in Swagger UI */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description HTML page */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The web console (a single page that signs in) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description HTML page */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": string;
                    };
                };
                /** @description a dependency is unreachable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How the console signs in (development tokens or OpenID Connect) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description sign-in settings */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConsoleConfig"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/dev-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Development only: a token for a chosen role and office (404 unless development tokens are enabled) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["DevTokenRequest"];
                };
            };
            responses: {
                /** @description a signed development token */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DevToken"];
                    };
                };
                /** @description malformed JSON, unknown fields or wrong types */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description no such case (or one the caller may not know of) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description a body that is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        OpenCase: {
            /** @enum {string} */
            type: "port-visa" | "multi-entry-visa" | "hukou-migration" | "first-id-card" | "residence-permit" | "newborn-registration" | "household-certificate" | "id-card-replacement" | "temporary-id-card" | "no-criminal-record" | "foreigner-residence-permit" | "id-card-loss-report" | "residence-permit-endorsement";
            /**
             * @description window (a caseworker at the counter) or online (the applicant). 'cross-province' is deprecated: it is accepted as window, and then the offices must lie in two provinces; whether a case is cross-province is derived from its offices (crossProvince in the case view).
             * @enum {string}
             */
            channel: "window" | "online" | "cross-province";
            receivingOffice: string;
            handlingOffice?: string;
            applicant: {
                name: string;
                idNumber?: string;
                passportNo?: string;
                nationality?: string;
                /** Format: date */
                birthDate?: string;
            };
            representative?: {
                /** @enum {string} */
                role: "parent" | "guardian" | "relative" | "agent";
                name: string;
                idNumber?: string;
                passportNo?: string;
                powerOfAttorney?: string;
            };
            /** Format: uuid */
            parentCaseId?: string;
            /** @default [] */
            materials: string[];
            details: {
                [key: string]: unknown;
            };
        };
        OpenCaseDetails_port_visa: {
            port: string;
            /** @enum {string} */
            purpose: "business" | "trade" | "installation" | "exhibition" | "investment" | "humanitarian" | "emergency-repair";
            invitingCompany?: {
                creditCode: string;
                name: string;
            };
            intendedStayDays: number;
        };
        OpenCaseDetails_multi_entry_visa: {
            currentVisa: {
                /** @enum {string} */
                type: "C" | "D" | "F" | "G" | "J1" | "J2" | "L" | "M" | "Q1" | "Q2" | "R" | "S1" | "S2" | "X1" | "X2" | "Z";
                /** Format: date */
                entryDate: string;
                /** Format: date */
                stayUntil: string;
            };
            invitingCompany: {
                creditCode: string;
                name: string;
            };
            requestedValidityYears: number;
            /** Format: date */
            passportValidUntil?: string;
            stayPerEntryDays?: number;
        };
        OpenCaseDetails_hukou_migration: {
            /** @enum {string} */
            category: "spouse" | "parents" | "work-transfer" | "admission" | "graduation" | "home-purchase" | "talent";
            fromOffice: string;
            toOffice: string;
            destinationCity: {
                code: string;
            };
            residenceYears: number;
            socialInsuranceYears: number;
            metroAreaYears?: ({
                cityCode: string;
                residenceYears: number;
                socialInsuranceYears: number;
            } | {
                cityCode: string;
                years: number;
            })[];
        };
        OpenCaseDetails_first_id_card: {
            hukouOffice: string;
            residenceOffice: string;
            /** @enum {string} */
            delivery: "pickup" | "post";
            wantsTemporaryId?: boolean;
            minimumSubsistence?: boolean;
            guardian?: {
                name: string;
                idNumber: string;
            };
        };
        OpenCaseDetails_residence_permit: {
            residenceOffice: string;
            /** @enum {string} */
            basis: "job" | "home" | "study";
            employerCreditCode?: string;
            /**
             * @default card
             * @enum {string}
             */
            form: "card" | "e-permit";
            /**
             * @default pickup
             * @enum {string}
             */
            delivery: "pickup" | "post";
            /** @enum {string} */
            representedBecause?: "elderly-reduced-mobility" | "disability";
        };
        OpenCaseDetails_newborn_registration: {
            /** @enum {string} */
            sex: "male" | "female";
            birthCertificateNo: string;
            /** @enum {string} */
            placeOfBirth: "mainland" | "abroad";
            foreignNationalityAtBirth?: boolean;
            chosenParent: {
                /** @enum {string} */
                role: "father" | "mother";
                name: string;
                idNumber: string;
            };
            otherParent?: {
                /** @enum {string} */
                role: "father" | "mother";
                name: string;
                idNumber?: string;
            };
            declarant: {
                /** @enum {string} */
                relation: "father" | "mother" | "relative" | "guardian";
                name: string;
                idNumber: string;
            };
            /** @enum {string} */
            surnameBasis?: "lineal-ascendant" | "supporter" | "proper-reason" | "ethnic-custom";
        };
        OpenCaseDetails_household_certificate: {
            /** @enum {string} */
            subKind: "item-change" | "cancellation" | "kinship" | "hukou" | "identity" | "marital-status" | "education" | "normal-death";
            hukouOffice: string;
            purpose: string;
            itemChange?: {
                /** @enum {string} */
                item: "name" | "former-name" | "gender" | "ethnicity" | "birth-date" | "birthplace" | "id-number";
                from: string;
                to: string;
                /** Format: date */
                changedOn: string;
            };
            person?: {
                name: string;
                idNumber: string;
                /** @enum {string} */
                relation: "spouse" | "parent" | "child" | "sibling" | "grandparent" | "grandchild";
            };
        };
        OpenCaseDetails_id_card_replacement: {
            hukouOffice: string;
            residenceOffice: string;
            /** @enum {string} */
            delivery: "pickup" | "post";
            /** Format: date */
            lostOn?: string;
            guardian?: {
                name: string;
                idNumber: string;
            };
        };
        OpenCaseDetails_temporary_id_card: {
            hukouOffice: string;
        };
        OpenCaseDetails_no_criminal_record: {
            /** @enum {string} */
            ground: "hukou" | "residence" | "foreign-resident";
            decidingOffice: string;
            purpose: string;
            /** Format: date */
            residentSince?: string;
            /** @default 0 */
            earlierRequestsThisYear: number;
            proofOfUse?: string;
        };
        OpenCaseDetails_foreigner_residence_permit: {
            residenceOffice: string;
            /** @enum {string} */
            kind: "work" | "study" | "journalist" | "reunion" | "private";
            /**
             * @default first
             * @enum {string}
             */
            application: "first" | "extension" | "change";
            visa?: {
                /** @enum {string} */
                type: "C" | "D" | "F" | "G" | "J1" | "J2" | "L" | "M" | "Q1" | "Q2" | "R" | "S1" | "S2" | "X1" | "X2" | "Z";
                /** Format: date */
                entryDate: string;
            };
            currentPermit?: {
                number: string;
                /** Format: date */
                validUntil: string;
            };
            /** Format: date */
            changedOn?: string;
            /** Format: date */
            passportValidUntil: string;
            requestedDays: number;
            employerCreditCode?: string;
        };
        OpenCaseDetails_id_card_loss_report: {
            hukouOffice: string;
            /** Format: date */
            lostOn?: string;
        };
        OpenCaseDetails_residence_permit_endorsement: {
            residenceOffice: string;
            /** @enum {string} */
            representedBecause?: "elderly-reduced-mobility" | "disability";
        };
        ActionBody: {
            items: string[];
        } | {
            items: string[];
        } | Record<string, never> | {
            reason: string;
        } | {
            assignee: string;
        } | {
            /** @enum {string} */
            kind: "hearing" | "inspection" | "appraisal" | "expert-review" | "investigation";
            reason: string;
        } | Record<string, never> | {
            workingDays?: number;
            calendarDays?: number;
            reason: string;
        } | Record<string, never> | Record<string, never> | {
            reason?: string;
            legalBasis?: string;
        } | {
            reason: string;
        } | {
            /** @enum {string} */
            decision: "duplicate" | "not-duplicate";
            reason: string;
        } | {
            reason?: string;
            legalBasis?: string;
        } | {
            field: string;
            value: string;
            reason: string;
        } | {
            /** @enum {string} */
            decision: "approve" | "reject";
            reason: string;
        } | {
            reason: string;
            legalBasis: string;
        } | Record<string, never> | {
            reason?: string;
        } | Record<string, never> | {
            /** @enum {string} */
            photo: "reuse" | "new";
        } | Record<string, never> | Record<string, never> | {
            trackingNumber?: string;
        } | Record<string, never> | {
            /** @enum {string} */
            photo: "reuse" | "new";
        } | {
            trackingNumber?: string;
        } | Record<string, never> | {
            /** @enum {string} */
            reason: "lost" | "damaged";
        } | {
            /** @enum {string} */
            reason: "hukou-moved-here" | "left-the-city" | "holder-request";
        } | {
            /** @enum {string} */
            delivery: "post" | "pickup";
            trackingNumber?: string;
        } | Record<string, never> | {
            reason: string;
            legalBasis?: string;
        } | Record<string, never> | Record<string, never> | {
            reason: string;
        } | Record<string, never> | ({
            /** @constant */
            returned: true;
        } | {
            /** @constant */
            returned: false;
            reason: string;
        }) | {
            proofOfUse: string;
        } | {
            reason: string;
        } | {
            reason: string;
        } | {
            /** @enum {string} */
            outcome: "upheld" | "dismissed";
            reason: string;
        } | Record<string, never> | {
            passportNo?: string;
        } | Record<string, never>;
        Lookup: {
            /** @description a receipt number the case issued */
            receipt?: string;
            /** @description a document number the case issued (permit, card, visa) */
            document?: string;
            /** @description the applicant's resident ID number */
            idNumber?: string;
            /** @description the applicant's passport number */
            passportNo?: string;
        };
        Problem: {
            type: string;
            title: string;
            status: number;
            detail: string;
            instance?: string;
        };
        CaseView: {
            caseId: string;
            /** @enum {string} */
            type: "port-visa" | "multi-entry-visa" | "hukou-migration" | "first-id-card" | "residence-permit" | "newborn-registration" | "household-certificate" | "id-card-replacement" | "temporary-id-card" | "no-criminal-record" | "foreigner-residence-permit" | "id-card-loss-report" | "residence-permit-endorsement";
            /** @enum {string} */
            status: "submitted" | "awaiting-materials" | "accepted" | "approved" | "completed" | "not-accepted" | "refused" | "withdrawn" | "revoked";
            step: string;
            /**
             * @description how the case was lodged: window or online (cases lodged with the deprecated cross-province channel show window)
             * @enum {string}
             */
            channel: "window" | "online";
            /** @description whether two of its offices lie in different provinces (跨省通辦): routing, derived from the offices */
            crossProvince: boolean;
            receivingOffice: string;
            handlingOffice: string;
            involvedOffices: string[];
            applicant: {
                name: string;
            } & {
                [key: string]: unknown;
            };
            /** @description who lodged for the applicant (the person the case is about), where the type allows it; SLA monitors see the role only */
            representative?: {
                /** @enum {string} */
                role: "parent" | "guardian" | "relative" | "agent";
                name: string;
            } & {
                [key: string]: unknown;
            };
            /**
             * Format: uuid
             * @description the case this one was lodged as a child of (a temporary ID card: its card case)
             */
            parentCaseId?: string;
            /** @description the cases lodged as children of this one, as it recorded them (ChildCaseLinked) */
            childCases?: {
                /** Format: uuid */
                caseId: string;
                type: string;
                /** Format: date-time */
                at: string;
            }[];
            assignee: string | null;
            version: number;
            /** Format: date-time */
            openedAt: string;
            closedAt: string | null;
            sla: ({
                clock: string;
                /** Format: date-time */
                deadline: string;
                state: string;
                escalation: number;
                provisional: boolean;
                /** @description working days left to the deadline as of the answer (0 = due today, negative = overdue) */
                remainingWorkingDays?: number;
            } & {
                [key: string]: unknown;
            })[];
            documents: {
                [key: string]: unknown;
            }[];
            /** @description other open cases of the same type about the same person, found at opening; accept and approve wait for their review (review-duplicates) */
            possibleDuplicates?: {
                cases: {
                    caseId: string;
                    receivingOffice: string;
                    /** Format: date-time */
                    openedAt: string;
                }[];
                review: {
                    /** @enum {string} */
                    decision: "duplicate" | "not-duplicate";
                    reason: string;
                    /** Format: date-time */
                    at: string;
                } | null;
            };
            /** @description the open correction request of a decided case (request-correction), until decide-correction; value and reason empty for sla-monitor */
            correction?: {
                field: string;
                value: string;
                reason: string;
                /** Format: date-time */
                requestedAt: string;
            } | null;
            /** @description the corrections decided, oldest first; an approved one names the documents reissued (values and numbers left out for sla-monitor) */
            corrections?: {
                field: string;
                /** @enum {string} */
                decision: "approved" | "rejected";
                /** Format: date-time */
                at: string;
                oldValue?: string;
                newValue?: string;
                reissued?: {
                    number: string;
                    replaces: string;
                }[];
            }[];
            /** @description the objection to the decision (no-criminal-record: object), its review period (15 working days, 30 once extended by the head) and its answer; the reasons are in the history */
            objection?: {
                /** @enum {string} */
                status: "under-review" | "answered";
                /** Format: date-time */
                lodgedAt: string;
                /** Format: date-time */
                reviewDueBy: string;
                extended: boolean;
                /** @enum {string} */
                outcome?: "upheld" | "dismissed";
                /** Format: date-time */
                answeredAt?: string;
            };
            allowedActions: string[];
        };
        CasePage: {
            items: components["schemas"]["CaseView"][];
            nextCursor: string | null;
        };
        History: {
            caseId: string;
            events: {
                position: number;
                version: number;
                type: string;
                data: {
                    [key: string]: unknown;
                };
                metadata: {
                    actor: string;
                    role: string;
                    office: string;
                    /** Format: date-time */
                    at: string;
                    commandId: string;
                    correlationId: string;
                } & {
                    [key: string]: unknown;
                };
                /** Format: date-time */
                recordedAt: string;
                hash: string;
                prevHash: string;
            }[];
            /** @description actions the domain refused (403/409/422), kept outside the case stream */
            rejections: ({
                action: string;
                status: number;
                detail: string;
                metadata: {
                    actor: string;
                    role: string;
                    office: string;
                    /** Format: date-time */
                    at: string;
                    commandId: string;
                    correlationId: string;
                } & {
                    [key: string]: unknown;
                };
            } & {
                [key: string]: unknown;
            })[];
        };
        AccessLog: {
            caseId: string;
            entries: {
                /** @description the case accessed; null for a look-up that found no case in the caller’s scope */
                caseId: string | null;
                /** Format: date-time */
                at: string;
                /** @enum {string} */
                kind: "read" | "lookup" | "refused" | "decode";
                actor: string;
                role: string;
                office: string;
                /** @description method and declared route, e.g. GET /cases/:caseId */
                route: string;
                status: number;
                correlationId: string;
                /** @description a look-up’s identifier */
                key?: {
                    /** @enum {string} */
                    kind: "receipt" | "document" | "idNumber" | "passportNo";
                    /** @description `<key id>:<keyed hash>` of the identifier searched for: equal for equal identifiers, never the identifier */
                    digest: string;
                };
            }[];
        };
        StaffAccessLog: {
            items: {
                /** @description the case accessed; null for a look-up that found no case in the caller’s scope */
                caseId: string | null;
                /** Format: date-time */
                at: string;
                /** @enum {string} */
                kind: "read" | "lookup" | "refused" | "decode";
                actor: string;
                role: string;
                office: string;
                /** @description method and declared route, e.g. GET /cases/:caseId */
                route: string;
                status: number;
                correlationId: string;
                /** @description a look-up’s identifier */
                key?: {
                    /** @enum {string} */
                    kind: "receipt" | "document" | "idNumber" | "passportNo";
                    /** @description `<key id>:<keyed hash>` of the identifier searched for: equal for equal identifiers, never the identifier */
                    digest: string;
                };
                id: number;
            }[];
            /** @description pass as `cursor` for older entries */
            nextCursor: string | null;
        };
        Integrity: {
            ok: boolean;
            checkedEvents: number;
            firstBrokenVersion?: number;
            workflowRecord: string;
        };
        Queue: {
            office: string;
            items: components["schemas"]["CaseView"][];
        };
        SlaBoard: {
            items: {
                caseId: string;
                type: string;
                office: string;
                /** @description masked name */
                applicant: string;
                clock: string;
                /** Format: date-time */
                deadline: string;
                remainingWorkingDays?: number;
                /** @enum {string} */
                state: "on-track" | "at-risk" | "breached" | "paused";
                escalation: number;
            }[];
            totals: {
                [key: string]: number;
            };
        };
        Stats: {
            total: number;
            byType: {
                [key: string]: number;
            };
            /** @description window and online; cross-province is counted apart, in byCrossProvince */
            byChannel: {
                [key: string]: number;
            };
            byStatus: {
                [key: string]: number;
            };
            /** @description 'true' and 'false': whether the cases' offices lie in two provinces */
            byCrossProvince: {
                [key: string]: number;
            };
            /** @description 'application' (decided) and 'filing' (a fact recorded without a decision, e.g. a loss report) */
            byKind: {
                [key: string]: number;
            };
        };
        Rebuild: {
            projection: string;
            /** @constant */
            status: "rebuilding";
            requestedBy: string;
        };
        Liveness: {
            /** @constant */
            status: "up";
        };
        Health: {
            /** @constant */
            status: "up";
            components: {
                [key: string]: "up" | "down";
            };
        };
        CalendarYear: {
            /** @description days off, YYYY-MM-DD, each inside the year */
            holidays: string[];
            /** @description make-up working days on a weekend, YYYY-MM-DD, each inside the year */
            workdays: string[];
            /** @description the notice the dates come from, e.g. 国办发明电〔2025〕7号 */
            source: string;
        };
        CalendarPublished: {
            year: number;
            /** @description content hash of the whole calendar after this publication */
            version: string;
            /** @description false when the year was already published with these dates (nothing recorded) */
            changed: boolean;
        };
        CalendarVersions: {
            /** @description the version in force */
            current: string;
            years: number[];
            publications: {
                year: number;
                version: string;
                source: string;
                /** Format: date-time */
                publishedAt: string;
                publishedBy: string;
                holidays: number;
                workdays: number;
            }[];
        };
        ReferenceTable: {
            /** @description the whole table, in the table's shape (see docs/api.md) */
            data: unknown;
            /** @description where the figures come from (notice, statistical yearbook, local measure) */
            source: string;
        };
        ReferencePublished: {
            name: string;
            /** @description content hash of the table */
            version: string;
            changed: boolean;
        };
        ReferenceVersions: {
            tables: {
                name: string;
                version: string;
                publications: {
                    name: string;
                    version: string;
                    source: string;
                    /** Format: date-time */
                    publishedAt: string;
                    publishedBy: string;
                }[];
            }[];
        };
        ReferenceCurrent: {
            name: string;
            version: string;
            data: unknown;
        };
        Verification: {
            /** @enum {string} */
            status: "valid" | "revoked" | "unknown";
            /** @description what the document is (visa, resident-id-card, acceptance-receipt, …) */
            kind?: string;
            issuingOffice?: string;
            issuedAt?: string;
            validUntil?: string;
            revokedAt?: string;
        };
        CodecPayloads: {
            payloads: {
                metadata?: {
                    [key: string]: string;
                };
                data?: string;
            }[];
        };
        ConsoleConfig: {
            /** @enum {string} */
            signIn: "dev" | "oidc" | "unavailable";
            oidc?: {
                authority: string;
                clientId: string;
                scope: string;
            };
            detail?: string;
        };
        DevTokenRequest: {
            /** @enum {string} */
            role: "caseworker" | "supervisor" | "sla-monitor" | "applicant" | "admin";
            office: string;
            sub?: string;
            name?: string;
        };
        DevToken: {
            token: string;
            /** Format: date-time */
            expiresAt: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
