// The status screen main shows while no token can be minted. It only displays; main brings the content
// back by itself when a token can be minted again. Text goes in through textContent only.
import { countdownText, statusView } from './status-view';

const view = statusView(location.search);
document.getElementById('title')!.textContent = view.title;
document.getElementById('detail')!.textContent = view.detail;
const countdown = document.getElementById('countdown')!;
const tick = () => void (countdown.textContent = countdownText(view.retryAt, Date.now()));
tick();
setInterval(tick, 1000);
