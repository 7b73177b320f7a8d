import { createPostpressClient } from 'postpress-api';

const client = createPostpressClient({ apiKey: process.env.POSTPRESS_API_KEY ?? '' });

// One page: the same request as the curl sample.
const page = await client.listSentInvitations({
  account_id: 'acc_linkedin_01HXYZ4QK3WJ8FN3M6QH7TZ8GR',
  limit: 100,
});
if (page.ok) {
  for (const invitation of page.data.items) console.log(invitation.invited_user, invitation.date);
} else {
  console.error(page.status, page.error.type, page.error.title);
}

// Every page: follows `cursor` until it is null.
for await (const invitation of client.paginate('listSentInvitations', {
  account_id: 'acc_linkedin_01HXYZ4QK3WJ8FN3M6QH7TZ8GR',
  limit: 250,
})) {
  console.log(invitation.id);
}
