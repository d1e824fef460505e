/**
 * When each event of the plan is sent, in one sentence: for the generated plan documentation and the server.
 * Kept apart from `plan` so that the browser bundle does not carry the prose.
 */
import type { EventName } from './events'

export const descriptions: Readonly<Record<EventName, string>> = {
  'Product List Viewed': 'A product list is first seen.',
  'Product Clicked': 'A product in a list is clicked.',
  'Product Viewed': 'The product of a product detail page is first seen.',
  'Cart Viewed': 'The cart is first seen.',
  'Promotion Viewed': 'A promotion is seen (by default at least 50% visible for at least 1 s).',
  'Promotion Clicked': 'A promotion is clicked.',
  'Forgot Password Button Clicked': 'The login page\'s forgot-password button is clicked.',
  'Forgot Password Email Requested': 'The forgot-password form is submitted (never with the typed e-mail address).',
  'Forgot Password Email Sent': 'The reset e-mail was sent (confirmation page, or after the AJAX call succeeded).',
  'Billing Address Updated': 'The billing address form is submitted successfully.',
  'Chat Opened': 'The Ada chat drawer is opened.',
  'Chat Closed': 'The Ada chat drawer is closed.',
  'Live Chat Conversation Started': 'A conversation starts in the Ada chat widget.',
  'Live Chat Message Received': 'A message is received in the Ada chat widget.',
  'Live Chat Conversation Ended': 'A conversation in the Ada chat widget ends.',
  'User Signed Up': 'A user created an account.',
  'User Signed In': 'A user signed in.',
  'User Updated Profile': 'A user saved changes on the account page (traits: only those that changed; never a password or card value).',
  'User Viewed Licenses': 'A user viewed their licences (traits: all licence data displayed).',
  'Product Added': 'A product was added to the cart.',
  'Product Removed': 'A product was removed from the cart.',
  'Checkout Started': 'A checkout was started.',
  'Order Completed': 'An order was completed.',
  'Page View': 'Every page load, and a page restored from the back/forward cache.',
  Logout: 'The user clicks a logout control: analytics.reset() clears the identity before the page navigates, no track call.',
}
