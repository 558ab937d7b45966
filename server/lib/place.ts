import { mexicanStateName } from '../../models/mexican-states.ts';

export interface Place {
  municipality: string | null;
  stateCode: string | null;
}

/** "Municipality, State", or null for a national reach (no state, no municipality). */
export function placeName(place: Place): string | null {
  return [place.municipality, mexicanStateName(place.stateCode)].filter(Boolean).join(', ') || null;
}
