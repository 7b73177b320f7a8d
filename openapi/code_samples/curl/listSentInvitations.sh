curl --request GET \
--url 'https://api.postpress.ai/api/v1/users/invite/sent?limit=100&account_id=acc_linkedin_01HXYZ4QK3WJ8FN3M6QH7TZ8GR' \
--header 'X-API-KEY: pp_live_...' \
--header 'accept: application/json'
