import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { flashCookie } from '~/http/flash.server'
import { logout } from '~/http/session.server'

// Log-out is a POST: a GET would let any page log you out with an <img> tag.
export async function action({ request }: ActionFunctionArgs) {
  const response = await logout(request)
  response.headers.append('Set-Cookie', await flashCookie({ tone: 'success', text: 'You are logged out.' }))
  return response
}

export async function loader() {
  return redirect('/')
}
