import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { logout } from '~/session.server'

// Log-out is a POST: a GET would let any page log you out with an <img> tag.
export async function action({ request }: ActionFunctionArgs) {
  return logout(request)
}

export async function loader() {
  return redirect('/')
}
