export interface paths {
    "/users/invite/sent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List all invitations sent
         * @description Returns a list of all invitations sent that are still pending for the connected account.
         *
         *     Results are paginated: pass the `cursor` from the previous response to fetch the next
         *     page, and repeat until `cursor` is `null`.
         */
        get: operations["listSentInvitations"];
        put?: never;
        post?: never;
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
        /**
         * Inviter
         * @description The account member who sent the invitation. The object may be absent; when it is present,
         *     all four of its fields are too.
         */
        Inviter: {
            /** @description Display name of the inviter. */
            inviter_name: string;
            /** @description Provider id of the inviter. */
            inviter_id: string;
            /** @description Public profile identifier of the inviter. */
            inviter_public_identifier: string;
            /** @description Headline of the inviter. */
            inviter_description: string;
        };
        /**
         * InvitationSpecifics
         * @description Provider-specific details of the invitation. The object may be absent; when it is present,
         *     both of its fields are too.
         */
        InvitationSpecifics: {
            /**
             * @description The provider the invitation was sent on, always `LINKEDIN`.
             * @constant
             */
            provider: "LINKEDIN";
            /**
             * @description Provider secret that identifies the invitation (needed to withdraw it). Treat it as a
             *     secret: never log it.
             */
            shared_secret: string;
        };
        /**
         * InvitationSent
         * @description An invitation sent by the account that is still pending.
         */
        InvitationSent: {
            /**
             * @description The object type, always `InvitationSent`.
             * @constant
             */
            object: "InvitationSent";
            /** @description A unique identifier. */
            id: string;
            /** @description Display name of the invited user. */
            invited_user: string;
            /** @description Provider id of the invited user. */
            invited_user_id: string;
            /** @description Public profile identifier of the invited user. */
            invited_user_public_id: string;
            /** @description Headline of the invited user. */
            invited_user_description: string;
            /** @description Raw provider-formatted date. */
            date: string;
            /**
             * Format: date-time
             * @description ISO 8601 datetime when available.
             *
             *     The key is always present: an RFC 3339 date-time parsed from `date`, or `null` when
             *     `date` could not be parsed (then show `date` as it is).
             */
            parsed_datetime: string | null;
            /** @description Note attached to the invitation. */
            invitation_text: string;
            inviter?: components["schemas"]["Inviter"];
            specifics?: components["schemas"]["InvitationSpecifics"];
        };
        /**
         * InvitationList
         * @description One page of the pending invitations sent by the account.
         */
        InvitationList: {
            /**
             * @description The object type, always `InvitationList`.
             * @constant
             */
            object: "InvitationList";
            /**
             * @description Pending invitations sent by the account. A page never holds more than the request's
             *     `limit`, so never more than 250 items.
             */
            items: components["schemas"]["InvitationSent"][];
            /**
             * @description Cursor for the next page, or `null` if this is the last page.
             *
             *     The key is always present. Pass a string cursor back as the `cursor` parameter to get
             *     the next page; stop when it is `null`.
             */
            cursor: string | null;
        };
        /** @description Short error title. */
        ErrorTitle: string;
        /** @description Human-readable explanation. */
        ErrorDetail: string;
        /** @description Request identifier for support. */
        ErrorInstance: string;
        /**
         * BadRequestError
         * @description Error envelope of a 400 Bad Request response. A query parameter is missing, malformed or out of range: `detail` names it.
         */
        BadRequestError: {
            title: components["schemas"]["ErrorTitle"];
            detail?: components["schemas"]["ErrorDetail"];
            instance?: components["schemas"]["ErrorInstance"];
            /**
             * @description Error type identifier: one of the types listed below. Each says what happened and whether
             *     repeating the same request can succeed.
             * @enum {string}
             */
            type: "errors/invalid_parameters" | "errors/invalid_cursor";
            /**
             * Format: int32
             * @description HTTP status code, always 400.
             * @constant
             */
            status: 400;
        };
        /**
         * UnauthorizedError
         * @description Error envelope of a 401 Unauthorized response. Credentials are missing, expired, or otherwise invalid.
         */
        UnauthorizedError: {
            title: components["schemas"]["ErrorTitle"];
            detail?: components["schemas"]["ErrorDetail"];
            instance?: components["schemas"]["ErrorInstance"];
            /**
             * @description Error type identifier: one of the types listed below. Each says what happened and whether
             *     repeating the same request can succeed.
             * @enum {string}
             */
            type: "errors/missing_credentials" | "errors/multiple_sessions" | "errors/invalid_checkpoint_solution" | "errors/invalid_proxy_credentials" | "errors/checkpoint_error" | "errors/invalid_credentials" | "errors/expired_credentials" | "errors/insufficient_privileges" | "errors/disconnected_account" | "errors/disconnected_feature" | "errors/invalid_credentials_but_valid_account_imap" | "errors/expired_link" | "errors/wrong_account";
            /**
             * Format: int32
             * @description HTTP status code, always 401.
             * @constant
             */
            status: 401;
        };
        /**
         * ForbiddenError
         * @description Error envelope of a 403 Forbidden response. Authenticated but the account is restricted or the action is not allowed.
         */
        ForbiddenError: {
            title: components["schemas"]["ErrorTitle"];
            detail?: components["schemas"]["ErrorDetail"];
            instance?: components["schemas"]["ErrorInstance"];
            /**
             * @description Error type identifier: one of the types listed below. Each says what happened and whether
             *     repeating the same request can succeed.
             * @enum {string}
             */
            type: "errors/account_restricted" | "errors/account_mismatch" | "errors/insufficient_permissions" | "errors/session_mismatch" | "errors/feature_not_subscribed" | "errors/subscription_required" | "errors/unknown_authentication_context" | "errors/action_required" | "errors/resource_access_restricted";
            /**
             * Format: int32
             * @description HTTP status code, always 403.
             * @constant
             */
            status: 403;
        };
        /**
         * TooManyRequestsError
         * @description Error envelope of a 429 Too Many Requests response. The provider cannot accept any more requests at the moment. Retry later.
         */
        TooManyRequestsError: {
            title: components["schemas"]["ErrorTitle"];
            detail?: components["schemas"]["ErrorDetail"];
            instance?: components["schemas"]["ErrorInstance"];
            /**
             * @description Error type identifier: one of the types listed below. Each says what happened and whether
             *     repeating the same request can succeed.
             * @enum {string}
             */
            type: "errors/too_many_requests";
            /**
             * Format: int32
             * @description HTTP status code, always 429.
             * @constant
             */
            status: 429;
        };
        /**
         * InternalError
         * @description Error envelope of a 500 Internal Server Error response. Something went wrong on our side or with the upstream provider.
         */
        InternalError: {
            title: components["schemas"]["ErrorTitle"];
            detail?: components["schemas"]["ErrorDetail"];
            instance?: components["schemas"]["ErrorInstance"];
            /**
             * @description Error type identifier: one of the types listed below. Each says what happened and whether
             *     repeating the same request can succeed.
             * @enum {string}
             */
            type: "errors/unexpected_error" | "errors/provider_error" | "errors/authentication_intent_error";
            /**
             * Format: int32
             * @description HTTP status code, always 500.
             * @constant
             */
            status: 500;
        };
        /**
         * NotImplementedError
         * @description Error envelope of a 501 Not Implemented response. The requested feature is planned but not yet available.
         */
        NotImplementedError: {
            title: components["schemas"]["ErrorTitle"];
            detail?: components["schemas"]["ErrorDetail"];
            instance?: components["schemas"]["ErrorInstance"];
            /**
             * @description Error type identifier: one of the types listed below. Each says what happened and whether
             *     repeating the same request can succeed.
             * @enum {string}
             */
            type: "errors/feature_not_implemented";
            /**
             * Format: int32
             * @description HTTP status code, always 501.
             * @constant
             */
            status: 501;
        };
        /**
         * ServiceUnavailableError
         * @description Error envelope of a 503 Service Unavailable response. postpress is temporarily unable to handle the request.
         */
        ServiceUnavailableError: {
            title: components["schemas"]["ErrorTitle"];
            detail?: components["schemas"]["ErrorDetail"];
            instance?: components["schemas"]["ErrorInstance"];
            /**
             * @description Error type identifier: one of the types listed below. Each says what happened and whether
             *     repeating the same request can succeed.
             * @enum {string}
             */
            type: "errors/no_client_session" | "errors/no_channel" | "errors/no_handler" | "errors/network_down" | "errors/service_unavailable";
            /**
             * Format: int32
             * @description HTTP status code, always 503.
             * @constant
             */
            status: 503;
        };
        /**
         * GatewayTimeoutError
         * @description Error envelope of a 504 Gateway Timeout response. The upstream provider did not respond in time.
         */
        GatewayTimeoutError: {
            title: components["schemas"]["ErrorTitle"];
            detail?: components["schemas"]["ErrorDetail"];
            instance?: components["schemas"]["ErrorInstance"];
            /**
             * @description Error type identifier: one of the types listed below. Each says what happened and whether
             *     repeating the same request can succeed.
             * @enum {string}
             */
            type: "errors/request_timeout";
            /**
             * Format: int32
             * @description HTTP status code, always 504.
             * @constant
             */
            status: 504;
        };
    };
    responses: {
        /**
         * @description Bad Request. A query parameter is missing, malformed or out of range: `detail` names it.
         *     A parameter the request leaves open takes its default; fix the request before you send it again.
         *     The `type` of the body says which of the types below it is.
         */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["BadRequestError"];
            };
        };
        /**
         * @description Unauthorized. Credentials are missing, expired, or otherwise invalid.
         *     The `type` of the body says which of the types below it is.
         */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["UnauthorizedError"];
            };
        };
        /**
         * @description Forbidden. Authenticated but the account is restricted or the action is not allowed.
         *     The `type` of the body says which of the types below it is.
         */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ForbiddenError"];
            };
        };
        /**
         * @description Too Many Requests. The provider cannot accept any more requests at the moment. Retry later.
         *     The `type` of the body says which of the types below it is.
         */
        TooManyRequests: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["TooManyRequestsError"];
            };
        };
        /**
         * @description Internal Server Error. Something went wrong on our side or with the upstream provider.
         *     The `type` of the body says which of the types below it is.
         */
        InternalServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["InternalError"];
            };
        };
        /**
         * @description Not Implemented. The requested feature is planned but not yet available.
         *     The `type` of the body says which of the types below it is.
         */
        NotImplemented: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["NotImplementedError"];
            };
        };
        /**
         * @description Service Unavailable. postpress is temporarily unable to handle the request.
         *     The `type` of the body says which of the types below it is.
         */
        ServiceUnavailable: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ServiceUnavailableError"];
            };
        };
        /**
         * @description Gateway Timeout. The upstream provider did not respond in time.
         *     The `type` of the body says which of the types below it is.
         */
        GatewayTimeout: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["GatewayTimeoutError"];
            };
        };
    };
    parameters: {
        /**
         * @description Pagination cursor. Pass the `cursor` from the previous response to fetch the next page.
         *     Repeat until `cursor` is `null`. Minimum length 1.
         *
         *     Leave it out for the first page. Send the cursor back exactly as you received it (at most
         *     4096 characters): an unknown, expired or altered cursor gets a 400 `errors/invalid_cursor`,
         *     and you restart from the first page.
         */
        Cursor: string;
        /** @description Maximum number of items to return. Between 1 and 250. Defaults to 100. */
        Limit: number;
        /**
         * @description The id of the linked account to perform the request from.
         *
         *     1 to 256 characters, as shown in your postpress dashboard (for example
         *     `acc_linkedin_01HXYZ4QK3WJ8FN3M6QH7TZ8GR`). A missing or empty id gets a 400
         *     `errors/invalid_parameters`.
         * @example acc_linkedin_01HXYZ4QK3WJ8FN3M6QH7TZ8GR
         */
        AccountId: string;
    };
    requestBodies: never;
    headers: {
        /**
         * @description Seconds to wait (`1`), or an HTTP-date after which to retry (`Wed, 21 Oct 2026 07:28:00 GMT`).
         *     Optional: when it is present, wait at least that long before you retry.
         */
        RetryAfter: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listSentInvitations: {
        parameters: {
            query: {
                /**
                 * @description Pagination cursor. Pass the `cursor` from the previous response to fetch the next page.
                 *     Repeat until `cursor` is `null`. Minimum length 1.
                 *
                 *     Leave it out for the first page. Send the cursor back exactly as you received it (at most
                 *     4096 characters): an unknown, expired or altered cursor gets a 400 `errors/invalid_cursor`,
                 *     and you restart from the first page.
                 */
                cursor?: components["parameters"]["Cursor"];
                /** @description Maximum number of items to return. Between 1 and 250. Defaults to 100. */
                limit?: components["parameters"]["Limit"];
                /**
                 * @description The id of the linked account to perform the request from.
                 *
                 *     1 to 256 characters, as shown in your postpress dashboard (for example
                 *     `acc_linkedin_01HXYZ4QK3WJ8FN3M6QH7TZ8GR`). A missing or empty id gets a 400
                 *     `errors/invalid_parameters`.
                 * @example acc_linkedin_01HXYZ4QK3WJ8FN3M6QH7TZ8GR
                 */
                account_id: components["parameters"]["AccountId"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The pending invitations sent by the account, one page at a time. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            501: components["responses"]["NotImplemented"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
}
