import { createPostpressClient } from 'postpress-api';

const client = createPostpressClient({
  apiKey: process.env.POSTPRESS_API_KEY ?? '',
});

// One page: the request of the curl sample.
const page = await client.listSentInvitations({
  account_id: 'acc_linkedin_01HXYZ4QK3WJ8FN3M6QH7TZ8GR',
  limit: 100,
});
if (page.ok) {
  for (const invitation of page.data.items) {
    console.log(invitation.invited_user, invitation.date);
  }
} else {
  // status and error type as documented below,
  // e.g. 401 errors/missing_credentials.
  console.error(page.status, page.error.type);
}

// Every page: follows `cursor` until it is null.
const invitations = client.paginate('listSentInvitations', {
  account_id: 'acc_linkedin_01HXYZ4QK3WJ8FN3M6QH7TZ8GR',
  limit: 250,
});
for await (const invitation of invitations) {
  console.log(invitation.id);
}
