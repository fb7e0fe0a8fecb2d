package io.novacron.consensus.pbft;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

import io.novacron.consensus.pbft.PbftMessage.Checkpoint;
import io.novacron.consensus.pbft.PbftMessage.Commit;
import io.novacron.consensus.pbft.PbftMessage.FetchState;
import io.novacron.consensus.pbft.PbftMessage.NewView;
import io.novacron.consensus.pbft.PbftMessage.PrePrepare;
import io.novacron.consensus.pbft.PbftMessage.Prepare;
import io.novacron.consensus.pbft.PbftMessage.PreparedCertificate;
import io.novacron.consensus.pbft.PbftMessage.Reply;
import io.novacron.consensus.pbft.PbftMessage.State;
import io.novacron.consensus.pbft.PbftMessage.ViewChange;
import io.novacron.crypto.Digests;
import io.novacron.crypto.QuorumCertificate;
import io.novacron.crypto.SignatureVerifier;
import io.novacron.crypto.Signer;

/**
 * One PBFT replica as a deterministic state machine (Castro and Liskov, TOCS'02 §4): normal case, checkpoints and
 * watermarks, view change, and state transfer.
 * <p>
 * It exists so the protocol can be driven by one thread (the EJB driver) or by a seeded simulator: inputs are
 * {@link #tick()}, {@link #step(PbftMessage)}, {@link #submit(ClientRequest)}, {@link #executed} and
 * {@link #checkpointed}; every effect leaves through {@link #ready()} (see {@link Ready} for the ordering
 * contract). Not thread-safe. Nothing unsigned or mis-signed changes state: such messages are dropped and counted
 * per sender in {@link #status()}. Because any message may be lost, a replica whose work is stuck re-sends its own
 * votes every quarter of the request timeout and answers retransmissions of peers it is ahead of; a replica that sees
 * 2f+1 commits for a batch it does not hold (lost, or the primary sent it another) fetches that batch's certificate
 * from one of their senders instead of waiting for the next checkpoint, and a replica asks all others for the next
 * batch it must execute (every request timeout, and before it would suspect the primary), so one that lost every
 * commit of a batch catches up rather than start a view change nobody joins.
 * <p>
 * This is the protocol's one large class; the next split is checkpoints and state transfer into their own type,
 * as the proof rules already are in {@code ViewChangeRules}.
 */
public final class PbftReplica {

    private static final int VERIFIED_REQUEST_CACHE_MAX = 1 << 16;

    private final int id;
    private final PbftConfig config;
    private final Signer signer;
    private final SignatureVerifier clientVerifier;
    private final RandomGenerator random;
    private final ViewChangeRules rules;
    private final int pendingRequestsMax;

    // View. Invariant: while viewChangeInProgress, view is the target view and no normal-case message is accepted.
    private long view;
    private boolean viewChangeInProgress;
    private int consecutiveViewChanges;
    private long timerTicks;
    private long newViewSentFor = -1;
    private NewView lastNewView;
    private final Map<Integer, ViewChange> latestViewChangeBySender = new HashMap<>();

    // Log. Invariant: every slot and prepared certificate has stableSeq < sequence.
    private final TreeMap<Long, Slot> slots = new TreeMap<>();
    private final TreeMap<Long, PreparedCertificate> preparedBySequence = new TreeMap<>();
    private final TreeMap<Long, Slot> committedNotExecuted = new TreeMap<>();
    private long lastExecutedSeq;
    private long nextSequence = 1;

    // Checkpoints (§4.3).
    private long stableSeq;
    private List<Checkpoint> stableProof = List.of();
    private final TreeMap<Long, byte[]> clientTableAtCheckpoint = new TreeMap<>();
    private final TreeMap<Long, State> ownCheckpoints = new TreeMap<>();
    private final TreeMap<Long, Map<Integer, List<Checkpoint>>> checkpointVotes = new TreeMap<>();
    private Checkpoint[] certifiedAhead; // highest certificate above lastExecutedSeq, or null
    private long lagTicks;
    private long nowTicks;
    private final Map<Integer, Long> proofSentAtTick = new HashMap<>();
    private long fetchTicks;
    private boolean fetching;
    private long catchUpTicks;
    private long probeTicks;

    // Requests.
    private final ClientTable clients = new ClientTable();
    private final LinkedHashMap<ByteBuffer, ClientRequest> pendingRequests = new LinkedHashMap<>();
    private final Set<ByteBuffer> proposedInView = new HashSet<>();
    private final ArrayDeque<ClientRequest> batchQueue = new ArrayDeque<>();
    private long batchWaitTicks;
    private final Map<ByteBuffer, byte[]> verifiedRequests = new LinkedHashMap<>(1024, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, byte[]> eldest) {
            return size() > VERIFIED_REQUEST_CACHE_MAX;
        }
    };
    private final TreeMap<Long, List<ClientRequest>> awaitingResults = new TreeMap<>();

    // Output, drained by ready().
    private List<PbftMessage> toPersist = new ArrayList<>();
    private List<Outbound> messages = new ArrayList<>();
    private List<CommittedBatch> committed = new ArrayList<>();
    private List<Outbound> replies = new ArrayList<>();
    private List<StableCheckpoint> stableEvents = new ArrayList<>();
    private InstalledState installState;
    private boolean viewDirty;
    private Ready outstanding;

    private final Map<Long, Long> invalidSignaturesBySender = new HashMap<>();
    private long otherDroppedMessages;
    private long invalidClientSignatures;

    /**
     * Creates replica {@code id} in view 0 at the genesis checkpoint 0.
     *
     * @param replicaVerifier checks signatures of replicas 0..n-1
     * @param clientVerifier  checks signatures of clients
     * @param random          the only source of randomness (choice of state-transfer peer)
     */
    public PbftReplica(int id, PbftConfig config, Signer signer, SignatureVerifier replicaVerifier,
                       SignatureVerifier clientVerifier, RandomGenerator random) {
        this.config = config.validate();
        if (id < 0 || id >= config.replicaCount()) {
            throw new IllegalArgumentException("replica id " + id + " outside 0.." + (config.replicaCount() - 1));
        }
        this.id = id;
        this.signer = signer;
        this.clientVerifier = clientVerifier;
        this.random = random;
        this.rules = new ViewChangeRules(config, replicaVerifier);
        this.pendingRequestsMax = 4 * config.watermarkWindowSeqs() * config.batchSizeMax();
    }

    /**
     * Rebuilds replica {@code id} after a restart from what its {@link PbftJournal} recovered, so that it never
     * contradicts a vote it sent and never returns to an older view (§4.2, §4.4): it resumes in the persisted view
     * (still changing views if it had sent a VIEW-CHANGE without entering the new view), keeps every persisted
     * pre-prepare, prepare and commit of that view in its slots (so a second pre-prepare for a slot is refused and
     * its own votes are the ones it sent), re-derives its prepared certificates from all persisted views, and takes
     * the stable checkpoint's proof and client table as they were.
     * <p>
     * RESTART CONTRACT for the driver: start the application from its initial state, then follow the
     * {@link Ready} contract as always. When the stable checkpoint h is above 0 the first Ready's
     * {@link Ready#installState()} carries the application snapshot at h, and its {@link Ready#committed()} batches
     * re-execute, in order, every batch committed above h before the crash; the application must keep no effect of
     * the earlier run beyond h (what it did there is done again, with the same results, and clients discard the
     * repeated replies). Batches it had not committed, and checkpoints above h, come back through the protocol; a
     * replica too far behind catches up by state transfer.
     *
     * @param recovered from {@link PbftJournal#recovered()}; {@link PbftRecoveredState#genesis()} gives a new replica
     */
    public static PbftReplica restore(int id, PbftConfig config, Signer signer, SignatureVerifier replicaVerifier,
                                      SignatureVerifier clientVerifier, RandomGenerator random,
                                      PbftRecoveredState recovered) {
        PbftReplica replica = new PbftReplica(id, config, signer, replicaVerifier, clientVerifier, random);
        replica.restoreFrom(recovered);
        return replica;
    }

    // ---------------------------------------------------------------- inputs

    /** Advances logical time by one tick: batch timer, view-change timer, state-transfer retries. */
    public void tick() {
        nowTicks++;
        if (isPrimary() && !viewChangeInProgress && !batchQueue.isEmpty() && ++batchWaitTicks >= config.batchWaitTicks()) {
            propose(true);
        }
        if (viewChangeInProgress && !quorumAskedForThisView()) {
            // §4.5.2: the timer for the next view starts only once 2f+1 replicas asked for this one. A replica that
            // suspects alone (cut off, or restarted before its links are back) stays one view ahead and keeps asking,
            // rather than run through view after view that nobody will join.
            if (nowTicks % retransmitIntervalTicks() == 0) {
                retransmit();
            }
        } else if (viewChangeInProgress || !pendingRequests.isEmpty()) {
            if (++timerTicks >= currentTimeoutTicks()) {
                startViewChange(view + 1);
            } else if (timerTicks % retransmitIntervalTicks() == 0) {
                retransmit();
                askWhetherOthersExecutedFurther();
            }
        }
        tickStateTransfer();
        tickCatchUp();
        if (++probeTicks >= config.requestTimeoutTicks()) {
            askWhetherOthersExecutedFurther(); // also when idle: one that lost the last commits would serve stale reads
        }
    }

    /** A request from a client connected to this replica; same as {@code step(request)}. */
    public void submit(ClientRequest request) {
        step(request);
    }

    /** Handles one inbound message; drops (and counts) anything unsigned, mis-signed, stale or malformed. */
    public void step(PbftMessage message) {
        if (message.type() == MessageType.REQUEST) {
            onRequest((ClientRequest) message);
            return;
        }
        long sender = message.senderId();
        if (sender == id || sender < 0 || sender >= config.replicaCount()) {
            otherDroppedMessages++;
            return;
        }
        Slot certified = slotCertifiedWithout(message);
        if (certified != null) {
            onVoteForCertifiedSlot(certified, message);
            return;
        }
        if (!rules.signedByReplica(message)) {
            invalidSignaturesBySender.merge(sender, 1L, Long::sum);
            return;
        }
        switch (message.type()) {
            case PRE_PREPARE -> onPrePrepare((PrePrepare) message);
            case PREPARE -> onPrepare((Prepare) message);
            case COMMIT -> onCommit((Commit) message);
            case CHECKPOINT -> onCheckpoint((Checkpoint) message);
            case VIEW_CHANGE -> onViewChange((ViewChange) message);
            case NEW_VIEW -> onNewView((NewView) message);
            case FETCH_STATE -> onFetchState((FetchState) message);
            case STATE -> onState((State) message);
            default -> otherDroppedMessages++; // REPLY is for clients
        }
    }

    /**
     * Reports the results of executing the batch at {@code sequence}, one per request of its
     * {@link CommittedBatch#requests()}, in order; the replica signs and queues the replies.
     */
    public void executed(long sequence, List<byte[]> results) {
        List<ClientRequest> batch = awaitingResults.remove(sequence);
        if (batch == null) {
            return; // empty batch, or superseded by state transfer
        }
        if (batch.size() != results.size()) {
            throw new IllegalArgumentException("batch " + sequence + " has " + batch.size() + " requests but "
                    + results.size() + " results");
        }
        for (int i = 0; i < batch.size(); i++) {
            ClientRequest request = batch.get(i);
            Reply reply = sign(new Reply(id, view, request.clientId(), request.timestamp(), results.get(i).clone(),
                    new byte[0]));
            clients.recordReply(reply);
            replies.add(new Outbound(Destination.client(request.clientId()), reply));
        }
    }

    /**
     * Reports the application state after executing {@code sequence} (a batch marked
     * {@link CommittedBatch#checkpointDue()}); the replica digests it together with its client table, keeps it for
     * state transfer until a newer checkpoint is stable, and multicasts CHECKPOINT (§4.3).
     */
    public void checkpointed(long sequence, byte[] applicationSnapshot) {
        byte[] table = clientTableAtCheckpoint.remove(sequence);
        if (table == null) {
            if (sequence <= stableSeq) {
                return; // state transfer already moved past it
            }
            throw new IllegalStateException("no checkpoint is due at " + sequence + " (last executed "
                    + lastExecutedSeq + ", K=" + config.checkpointIntervalSeqs() + ")");
        }
        byte[] digest = Digests.sha256(table, applicationSnapshot);
        State own = new State(id, sequence, table, applicationSnapshot.clone(), new byte[0]);
        ownCheckpoints.put(sequence, own);
        toPersist.add(own); // a journal needs it once this checkpoint is stable and the log below it is dropped
        Checkpoint checkpoint = sign(new Checkpoint(id, sequence, digest, new byte[0]));
        toPersist.add(checkpoint);
        broadcast(checkpoint);
        recordCheckpointVote(checkpoint);
    }

    // ---------------------------------------------------------------- outputs

    /** True if {@link #ready()} has something to hand out. */
    public boolean hasReady() {
        return viewDirty || !toPersist.isEmpty() || !messages.isEmpty() || !committed.isEmpty() || !replies.isEmpty()
                || !stableEvents.isEmpty() || installState != null;
    }

    /**
     * Hands out everything accumulated since the last {@link #advance(Ready)}; see {@link Ready} for the order in
     * which the driver must persist, install, send and execute.
     *
     * @throws IllegalStateException if the previous Ready was not advanced yet
     */
    public Ready ready() {
        if (outstanding != null) {
            throw new IllegalStateException("previous Ready not advanced");
        }
        outstanding = new Ready(view, toPersist, messages, committed, replies, stableEvents,
                Optional.ofNullable(installState));
        toPersist = new ArrayList<>();
        messages = new ArrayList<>();
        committed = new ArrayList<>();
        replies = new ArrayList<>();
        stableEvents = new ArrayList<>();
        installState = null;
        viewDirty = false;
        return outstanding;
    }

    /** Acknowledges that the driver has acted on {@code ready} as its contract requires. */
    public void advance(Ready ready) {
        if (ready != outstanding) {
            throw new IllegalStateException("advance with a Ready that was not the last one handed out");
        }
        outstanding = null;
    }

    /** A snapshot of progress and fault counters. */
    public PbftStatus status() {
        return new PbftStatus(id, view, viewChangeInProgress, config.primaryOf(view), lastExecutedSeq, stableSeq,
                stableSeq + config.watermarkWindowSeqs(), slots.size(), invalidSignaturesBySender, invalidClientSignatures,
                otherDroppedMessages);
    }

    // ---------------------------------------------------------------- §4.1 requests, §4.2 normal case

    private void onRequest(ClientRequest request) {
        if (clients.isExecuted(request)) {
            Reply last = clients.lastReply(request.clientId());
            if (last != null && last.timestamp() == request.timestamp()) {
                replies.add(new Outbound(Destination.client(request.clientId()), last)); // §4.1 resend, never re-execute
            }
            return;
        }
        ByteBuffer key = ByteBuffer.wrap(request.digest());
        if (pendingRequests.containsKey(key)) {
            return;
        }
        if (pendingRequests.size() >= pendingRequestsMax || !verifiedRequest(request)) {
            otherDroppedMessages++;
            return;
        }
        pendingRequests.put(key, request);
        if (viewChangeInProgress) {
            return;
        }
        if (isPrimary()) {
            enqueue(request);
        } else {
            send(config.primaryOf(view), request); // relay, the client may have only reached us (§4.4 liveness)
        }
    }

    private boolean verifiedRequest(ClientRequest request) {
        ByteBuffer key = ByteBuffer.wrap(request.digest());
        byte[] signatureDigest = Digests.sha256(request.signature());
        byte[] verified = verifiedRequests.get(key);
        if (verified != null && Arrays.equals(verified, signatureDigest)) {
            return true; // each client signature is verified at most once per replica
        }
        if (!clientVerifier.verify(request.clientId(), request.digest(), request.signature())) {
            invalidClientSignatures++;
            return false;
        }
        verifiedRequests.put(key, signatureDigest); // keyed by content, checked by signature: no swapped signatures
        return true;
    }

    private void enqueue(ClientRequest request) {
        if (proposedInView.add(ByteBuffer.wrap(request.digest()))) {
            batchQueue.add(request);
            if (batchQueue.size() >= config.batchSizeMax() || config.batchWaitTicks() == 0) {
                propose(config.batchWaitTicks() == 0);
            }
        }
    }

    /** Primary: turns queued requests into pre-prepares while the window has room; partial batches only if forced. */
    private void propose(boolean flushPartial) {
        while (!batchQueue.isEmpty() && nextSequence <= stableSeq + config.watermarkWindowSeqs()
                && (flushPartial || batchQueue.size() >= config.batchSizeMax())) {
            List<ClientRequest> batch = new ArrayList<>();
            while (!batchQueue.isEmpty() && batch.size() < config.batchSizeMax()) {
                ClientRequest request = batchQueue.poll();
                if (!clients.isExecuted(request)) {
                    batch.add(request);
                }
            }
            if (batch.isEmpty()) {
                continue;
            }
            PrePrepare pp = sign(new PrePrepare(id, view, nextSequence++, PrePrepare.digestOf(batch), batch,
                    new byte[0]));
            slot(pp.sequence()).prePrepare = pp;
            toPersist.add(pp);
            broadcast(pp);
        }
        batchWaitTicks = 0;
    }

    private boolean inWindow(long sequence) {
        return sequence > stableSeq && sequence <= stableSeq + config.watermarkWindowSeqs();
    }

    private boolean acceptsNormalCase(long messageView, long sequence) {
        if (viewChangeInProgress || messageView != view || !inWindow(sequence)) {
            otherDroppedMessages++; // §4.2: wrong view or outside h < n <= H
            return false;
        }
        return true;
    }

    private void onPrePrepare(PrePrepare pp) {
        if (!acceptsNormalCase(pp.view(), pp.sequence()) || pp.sender() != config.primaryOf(view)) {
            return;
        }
        if (!Arrays.equals(pp.batchDigest(), PrePrepare.digestOf(pp.requests()))
                || !pp.requests().stream().allMatch(this::verifiedRequest)) {
            invalidSignaturesBySender.merge((long) pp.sender(), 1L, Long::sum); // a primary vouching for bad requests
            return;
        }
        acceptPrePrepare(pp);
    }

    /** Accepts a pre-prepare (normal case or from NEW-VIEW's O) unless another is already accepted for its slot. */
    private void acceptPrePrepare(PrePrepare pp) {
        Slot slot = slot(pp.sequence());
        if (slot.prePrepare != null) {
            otherDroppedMessages++; // duplicate, or an equivocating primary: keep the first, never prepare both
            if (!slot.committed && !Arrays.equals(slot.prePrepare.batchDigest(), pp.batchDigest())) {
                slot.conflicting = pp;
                adoptIfCommittedElsewhere(slot);
            }
            return;
        }
        slot.prePrepare = pp;
        toPersist.add(pp);
        trackRequestsOf(pp);
        if (!isPrimary()) {
            Prepare prepare = sign(new Prepare(id, view, pp.sequence(), pp.batchDigest(), new byte[0]));
            slot.prepares.put(id, prepare);
            toPersist.add(prepare);
            broadcast(prepare);
        }
        checkPrepared(pp.sequence());
    }

    private void trackRequestsOf(PrePrepare pp) {
        for (ClientRequest request : pp.requests()) {
            if (!clients.isExecuted(request) && pendingRequests.size() < pendingRequestsMax) {
                pendingRequests.putIfAbsent(ByteBuffer.wrap(request.digest()), request);
            }
            proposedInView.add(ByteBuffer.wrap(request.digest()));
        }
    }

    /**
     * Replaces the accepted pre-prepare with the primary's other one when 2f+1 replicas committed that one: f+1
     * correct replicas prepared it, so no other batch can execute at this sequence number in any view, and a backup
     * the primary deceived executes it instead of waiting for a view change or a checkpoint. This replica casts no
     * second prepare (that would be equivocating itself); its first one never counts towards a quorum.
     */
    private void adoptIfCommittedElsewhere(Slot slot) {
        PrePrepare candidate = slot.conflicting;
        if (candidate == null || slot.committed || slot.commitsFor(candidate.batchDigest()) < config.quorum()) {
            return;
        }
        slot.prePrepare = candidate;
        slot.conflicting = null;
        toPersist.add(candidate);
        trackRequestsOf(candidate);
        checkPrepared(candidate.sequence());
        checkCommitted(candidate.sequence());
    }

    private void onPrepare(Prepare prepare) {
        if (!acceptsNormalCase(prepare.view(), prepare.sequence()) || prepare.sender() == config.primaryOf(view)) {
            return;
        }
        Slot slot = slot(prepare.sequence());
        if (slot.prepares.putIfAbsent(prepare.sender(), prepare) == null) {
            toPersist.add(prepare);
            checkPrepared(prepare.sequence());
        } else {
            answerRepeatedVote(slot, prepare);
        }
    }

    private void onCommit(Commit commit) {
        if (!acceptsNormalCase(commit.view(), commit.sequence())) {
            return;
        }
        Slot slot = slot(commit.sequence());
        if (slot.commits.putIfAbsent(commit.sender(), commit) == null) {
            toPersist.add(commit);
            adoptIfCommittedElsewhere(slot);
            checkCommitted(commit.sequence());
        } else {
            answerRepeatedVote(slot, commit);
        }
    }

    /**
     * The slot of a PREPARE (COMMIT) in the current view that is already prepared (committed) without a vote from
     * its sender, or null. Such a vote cannot change state, so its signature is not checked: that saves a quarter
     * of a replica's verifications, the largest cost of PBFT with Ed25519.
     */
    private Slot slotCertifiedWithout(PbftMessage message) {
        if (viewChangeInProgress) {
            return null;
        }
        if (message instanceof Prepare prepare && prepare.view() == view) {
            Slot slot = slots.get(prepare.sequence());
            return slot != null && slot.prepared && !slot.prepares.containsKey(prepare.sender()) ? slot : null;
        }
        if (message instanceof Commit commit && commit.view() == view) {
            Slot slot = slots.get(commit.sequence());
            return slot != null && slot.committed && !slot.commits.containsKey(commit.sender()) ? slot : null;
        }
        return null;
    }

    /**
     * Drops the first such vote unchecked; a second one from the same sender is a retransmission by a replica that
     * is stuck on the slot, so it is checked and, if genuine, answered like a recorded duplicate.
     */
    private void onVoteForCertifiedSlot(Slot slot, PbftMessage vote) {
        int sender = (int) vote.senderId();
        Set<Integer> unchecked = vote.type() == MessageType.PREPARE ? slot.uncheckedPrepares : slot.uncheckedCommits;
        if (unchecked.add(sender)) {
            otherDroppedMessages++;
            return;
        }
        if (!rules.signedByReplica(vote)) {
            invalidSignaturesBySender.merge((long) sender, 1L, Long::sum);
            return;
        }
        answerRepeatedVote(slot, vote);
    }

    /**
     * A vote its sender already cast for this slot marks a retransmitting, stuck replica. Answered are PREPAREs,
     * which a stuck backup retransmits, and COMMITs from the primary, which sends no prepare to recognise it by;
     * answering other repeated commits would let two committed replicas bounce their help to each other forever.
     */
    private void answerRepeatedVote(Slot slot, PbftMessage vote) {
        int sender = (int) vote.senderId();
        if (vote.type() == MessageType.PREPARE || sender == config.primaryOf(view)) {
            helpRetransmitter(slot, sender);
        } else {
            otherDroppedMessages++;
        }
    }

    /**
     * A duplicate vote means its sender is retransmitting, i.e. stuck on this slot; once we have committed it we no
     * longer retransmit ourselves, so answer it directly with our pre-prepare (if primary) and commit.
     */
    private void helpRetransmitter(Slot slot, int sender) {
        otherDroppedMessages++;
        if (!slot.committed) {
            return;
        }
        if (isPrimary()) {
            send(sender, slot.prePrepare);
        }
        Commit ownCommit = slot.commits.get(id);
        if (ownCommit != null) {
            send(sender, ownCommit);
        }
    }

    /** §4.2 prepared(m, v, n, i): the pre-prepare plus 2f matching prepares from distinct backups. */
    private void checkPrepared(long sequence) {
        Slot slot = slots.get(sequence);
        if (slot == null || slot.prepared || slot.prePrepare == null) {
            return;
        }
        List<Prepare> matching = slot.matchingPrepares();
        if (matching.size() < 2 * config.faultsTolerated()) {
            return;
        }
        slot.prepared = true;
        preparedBySequence.put(sequence, new PreparedCertificate(slot.prePrepare,
                matching.subList(0, 2 * config.faultsTolerated())));
        Commit commit = sign(new Commit(id, view, sequence, slot.prePrepare.batchDigest(), new byte[0]));
        slot.commits.put(id, commit);
        toPersist.add(commit);
        broadcast(commit);
        checkCommitted(sequence);
    }

    /**
     * §4.2 committed-local(m, v, n, i) is prepared plus 2f+1 matching commits; the commits are the certificate. They
     * alone show that f+1 correct replicas prepared the batch (committed(m, v, n)), so a replica that missed the
     * prepares (it was deceived by the primary, or they were lost) executes on them as well.
     */
    private void checkCommitted(long sequence) {
        Slot slot = slots.get(sequence);
        if (slot == null || slot.prePrepare == null || slot.committed) {
            return;
        }
        List<Commit> matching = slot.matchingCommits();
        if (matching.size() < config.quorum()) {
            return;
        }
        slot.committed = true;
        if (sequence > lastExecutedSeq) {
            committedNotExecuted.put(sequence, slot);
        }
        executeInOrder();
    }

    private void executeInOrder() {
        Slot slot;
        while ((slot = committedNotExecuted.remove(lastExecutedSeq + 1)) != null) {
            PrePrepare pp = slot.prePrepare;
            List<ClientRequest> toExecute = new ArrayList<>();
            for (ClientRequest request : pp.requests()) {
                if (clients.markExecuted(request)) {
                    toExecute.add(request);
                }
                pendingRequests.remove(ByteBuffer.wrap(request.digest()));
            }
            lastExecutedSeq = pp.sequence();
            boolean checkpointDue = lastExecutedSeq % config.checkpointIntervalSeqs() == 0;
            if (checkpointDue) {
                clientTableAtCheckpoint.put(lastExecutedSeq, clients.encode());
            }
            if (!toExecute.isEmpty()) {
                awaitingResults.put(lastExecutedSeq, toExecute);
                consecutiveViewChanges = 0;
            }
            timerTicks = 0; // progress: restart the backup timer for whatever is still pending (§4.4)
            lagTicks = 0;
            committed.add(new CommittedBatch(pp.view(), pp.sequence(), pp.batchDigest(), toExecute,
                    certificate(pp, slot.matchingCommits()), checkpointDue));
        }
    }

    private QuorumCertificate certificate(PrePrepare pp, List<Commit> commits) {
        TreeMap<Integer, byte[]> signatures = new TreeMap<>();
        for (Commit commit : commits) {
            if (signatures.size() < config.quorum()) {
                signatures.put(commit.sender(), commit.signature());
            }
        }
        return new QuorumCertificate(pp.view(), pp.sequence(), pp.batchDigest(), signer.scheme(), signatures);
    }

    // ---------------------------------------------------------------- §4.3 checkpoints and state transfer

    private void onCheckpoint(Checkpoint checkpoint) {
        if (checkpoint.sequence() <= stableSeq) {
            otherDroppedMessages++;
            // The sender may not have seen this checkpoint become stable (it retransmits its vote): hand it our proof,
            // 2f+1 messages signed by their authors, so it can advance its window or fetch state (§4.3). Rate-limited
            // per peer, because forwarded proofs arrive "from" their authors and must not start a ping-pong.
            Long helped = proofSentAtTick.get(checkpoint.sender());
            if (helped == null || nowTicks - helped >= retransmitIntervalTicks()) {
                proofSentAtTick.put(checkpoint.sender(), nowTicks);
                for (Checkpoint vote : stableProof) {
                    if (vote.sender() != checkpoint.sender()) {
                        send(checkpoint.sender(), vote);
                    }
                }
            }
            return;
        }
        if (checkpoint.sequence() % config.checkpointIntervalSeqs() != 0) {
            otherDroppedMessages++;
            return;
        }
        toPersist.add(checkpoint);
        recordCheckpointVote(checkpoint);
    }

    /**
     * Counts a CHECKPOINT vote. A sender may sign two different digests for one sequence number (a Byzantine one
     * lying to us directly while its vote inside someone's proof is true), so up to two votes per sender and
     * sequence are kept and a quorum is 2f+1 distinct senders for one digest, which still includes f+1 correct ones.
     */
    private void recordCheckpointVote(Checkpoint checkpoint) {
        Map<Integer, List<Checkpoint>> votes = checkpointVotes.computeIfAbsent(checkpoint.sequence(),
                s -> new HashMap<>());
        List<Checkpoint> senderVotes = votes.computeIfAbsent(checkpoint.sender(), s -> new ArrayList<>(1));
        if (senderVotes.size() >= 2
                || senderVotes.stream().anyMatch(v -> Arrays.equals(v.stateDigest(), checkpoint.stateDigest()))) {
            return; // a duplicate, or a third digest from an equivocating sender
        }
        senderVotes.add(checkpoint);
        boundVotesOf(checkpoint.sender());
        List<Checkpoint> proof = quorumOf(votes.values());
        if (!proof.isEmpty()) {
            onCertificate(checkpoint.sequence(), proof);
        }
    }

    /** Acts on a valid checkpoint certificate: stable if our own state matches, state transfer if we are behind. */
    private void onCertificate(long sequence, List<Checkpoint> proof) {
        State own = ownCheckpoints.get(sequence);
        if (own != null) {
            if (!Arrays.equals(Digests.sha256(own.replicaState(), own.applicationSnapshot()),
                    proof.get(0).stateDigest())) {
                // 2f+1 signers include f+1 correct replicas, so it is our own execution that went wrong
                // (a non-deterministic application or corrupted state): continuing would spread it.
                throw new IllegalStateException("replica " + id + " state at checkpoint " + sequence
                        + " differs from the digest certified by replicas " + proof.stream()
                        .map(Checkpoint::sender).toList());
            }
            makeStable(sequence, proof);
        } else if (sequence > lastExecutedSeq
                && (certifiedAhead == null || certifiedAhead[0].sequence() < sequence)) {
            // We are behind: remember the certificate; tick() fetches the state if normal execution does not
            // catch up first. (At or below lastExecutedSeq we just wait for our own checkpointed() call.)
            certifiedAhead = proof.toArray(new Checkpoint[0]);
        }
    }

    /** Bounds memory against a replica spraying checkpoints: it keeps at most L/K + 2 open votes per sender. */
    private void boundVotesOf(int sender) {
        int allowed = config.watermarkWindowSeqs() / config.checkpointIntervalSeqs() + 2;
        int seen = 0;
        for (Iterator<Map<Integer, List<Checkpoint>>> it = checkpointVotes.descendingMap().values().iterator();
             it.hasNext(); ) {
            Map<Integer, List<Checkpoint>> votes = it.next();
            if (votes.containsKey(sender) && ++seen > allowed) {
                votes.remove(sender);
                if (votes.isEmpty()) {
                    it.remove();
                }
            }
        }
    }

    /** 2f+1 checkpoints from distinct senders with one digest, or an empty list. */
    private List<Checkpoint> quorumOf(Iterable<List<Checkpoint>> votesBySender) {
        Map<ByteBuffer, List<Checkpoint>> byDigest = new HashMap<>();
        for (List<Checkpoint> senderVotes : votesBySender) {
            for (Checkpoint vote : senderVotes) { // one sender's votes have distinct digests
                List<Checkpoint> group = byDigest.computeIfAbsent(ByteBuffer.wrap(vote.stateDigest()),
                        d -> new ArrayList<>());
                group.add(vote);
                if (group.size() >= config.quorum()) {
                    return group;
                }
            }
        }
        return List.of();
    }

    /** §4.3: the checkpoint at {@code sequence} is stable; h moves there and everything at or below it goes. */
    private void makeStable(long sequence, List<Checkpoint> proof) {
        if (sequence <= stableSeq) {
            return;
        }
        stableSeq = sequence;
        stableProof = List.copyOf(proof);
        slots.headMap(sequence, true).clear();
        preparedBySequence.headMap(sequence, true).clear();
        committedNotExecuted.headMap(sequence, true).clear();
        checkpointVotes.headMap(sequence, true).clear();
        ownCheckpoints.headMap(sequence, false).clear();
        clientTableAtCheckpoint.headMap(sequence, true).clear();
        if (certifiedAhead != null && certifiedAhead[0].sequence() <= sequence) {
            certifiedAhead = null;
            fetching = false;
        }
        nextSequence = Math.max(nextSequence, sequence + 1);
        stableEvents.add(new StableCheckpoint(sequence, proof.get(0).stateDigest(), proof));
        if (isPrimary() && !viewChangeInProgress) {
            propose(false); // the window moved: queued full batches may go now, partial ones on the next tick
        }
    }

    private void tickStateTransfer() {
        if (certifiedAhead == null || certifiedAhead[0].sequence() <= lastExecutedSeq) {
            return; // nothing certified ahead of us, or our own checkpointed() call will make it stable
        }
        // Give normal execution a chance first: a replica only slightly behind catches up without a transfer.
        if (!fetching && ++lagTicks >= Math.max(2, config.requestTimeoutTicks() / 4)) {
            fetching = true;
            fetchTicks = 0;
            requestState();
        } else if (fetching && ++fetchTicks >= Math.max(2, config.requestTimeoutTicks() / 2)) {
            fetchTicks = 0;
            requestState(); // the peer asked may be faulty or slow: ask another
        }
    }

    private void requestState() {
        Checkpoint[] proof = certifiedAhead;
        List<Integer> peers = new ArrayList<>();
        for (Checkpoint checkpoint : proof) {
            if (checkpoint.sender() != id) {
                peers.add(checkpoint.sender());
            }
        }
        int peer = peers.get(random.nextInt(peers.size())); // 2f+1 signers include at least 2f others
        send(peer, sign(new FetchState(id, proof[0].sequence(), new byte[0])));
    }

    private void onFetchState(FetchState fetch) {
        if (fetch.sequence() > stableSeq) {
            sendCommittedBatch(fetch.sender(), fetch.sequence());
            return;
        }
        State own = ownCheckpoints.get(stableSeq);
        if (own == null) {
            return; // only stable state is served: it is what the asker can check against a certificate
        }
        if (fetch.sequence() < stableSeq) {
            // We discarded the state it asked for; send the proof of our newer stable checkpoint first, so the
            // asker can check the newer state we send instead.
            for (Checkpoint vote : stableProof) {
                if (vote.sender() != fetch.sender()) {
                    send(fetch.sender(), vote);
                }
            }
        }
        send(fetch.sender(), sign(own));
    }

    /**
     * Catch-up without a checkpoint: a replica that sees 2f+1 commits at or above the next sequence number it must
     * execute, for a batch it does not hold, asks one of their senders for it every eighth of the request timeout.
     * Without this, a backup an equivocating primary deceived (or one that lost a pre-prepare) would wait for the
     * next stable checkpoint, which on a quiet cluster may never come, and its own clients would wait with it.
     */
    private void tickCatchUp() {
        long next = lastExecutedSeq + 1;
        List<Integer> certifiers = List.of();
        if (!viewChangeInProgress) {
            for (Slot slot : slots.tailMap(next, true).values()) {
                certifiers = slot.commitQuorumSenders(config.quorum());
                if (!certifiers.isEmpty()) {
                    break;
                }
            }
        }
        List<Integer> peers = certifiers.stream().filter(sender -> sender != id).toList();
        if (peers.isEmpty()) {
            catchUpTicks = 0;
            return;
        }
        if (++catchUpTicks % Math.max(2, config.requestTimeoutTicks() / 8) == 0) { // well before a view change
            send(peers.get(random.nextInt(peers.size())), sign(new FetchState(id, next, new byte[0])));
        }
    }

    /**
     * Before suspecting the primary, a replica whose request waits asks every replica for the next batch it must
     * execute: if the others committed it and only this replica lost the commits, it catches up (and its timer
     * restarts) instead of starting a view change alone, which the others, busy in the current view, would never
     * join, leaving it out of the group until the next real view change. Replicas that have not committed that batch
     * stay silent, so a faulty primary is still replaced.
     */
    private void askWhetherOthersExecutedFurther() {
        probeTicks = 0; // any question restarts the idle probe's interval, so the two never ask at the same tick
        if (!viewChangeInProgress) { // a primary that lost the commits asks too, rather than depose itself
            broadcast(sign(new FetchState(id, lastExecutedSeq + 1, new byte[0])));
        }
    }

    /**
     * Answers a catch-up request for a sequence number above our stable checkpoint: the batch's commit certificate,
     * the prepares and the primary's pre-prepare, each signed by its author, so the asker checks them as if they had
     * come from their authors. Nothing if we have not committed it ourselves.
     */
    private void sendCommittedBatch(int asker, long sequence) {
        Slot slot = slots.get(sequence);
        if (slot == null || !slot.committed || viewChangeInProgress) {
            otherDroppedMessages++;
            return;
        }
        if (lastNewView != null && lastNewView.view() == view) {
            // The asker may still be in an older view (it restarted, or missed the view change): the NEW-VIEW
            // proves this one, and without it the asker would drop everything below as from the wrong view.
            send(asker, lastNewView);
        }
        for (Commit commit : slot.matchingCommits()) {
            if (commit.sender() != asker) {
                send(asker, commit);
            }
        }
        for (Prepare prepare : slot.matchingPrepares()) {
            if (prepare.sender() != asker) {
                send(asker, prepare);
            }
        }
        send(asker, slot.prePrepare);
    }

    private void onState(State state) {
        Checkpoint[] proof = certifiedAhead;
        if (proof != null && proof[0].sequence() <= lastExecutedSeq) {
            // We caught up by executing while the state was on its way: installing it now would take this
            // replica back to an older state and re-execute what it already executed.
            certifiedAhead = null;
            fetching = false;
            otherDroppedMessages++;
            return;
        }
        if (proof == null || state.sequence() != proof[0].sequence() || !ClientTable.isWellFormed(state.replicaState())
                || !Arrays.equals(Digests.sha256(state.replicaState(), state.applicationSnapshot()),
                proof[0].stateDigest())) {
            otherDroppedMessages++; // unsolicited, stale or not matching the certificate
            return;
        }
        long sequence = state.sequence();
        clients.install(state.replicaState());
        lastExecutedSeq = Math.max(lastExecutedSeq, sequence);
        State own = new State(id, sequence, state.replicaState(), state.applicationSnapshot(), new byte[0]);
        ownCheckpoints.put(sequence, own);
        toPersist.add(own); // persisted like our own checkpoint state: it is the base a restart resumes from
        committed.removeIf(batch -> batch.sequence() <= sequence); // superseded: the driver loads the state instead
        awaitingResults.headMap(sequence, true).clear();
        pendingRequests.values().removeIf(clients::isExecuted);
        installState = new InstalledState(sequence, state.applicationSnapshot());
        fetching = false;
        makeStable(sequence, Arrays.asList(proof));
        executeInOrder();
    }

    // ---------------------------------------------------------------- §4.4 view change

    private long currentTimeoutTicks() {
        long timeout = (long) config.requestTimeoutTicks() << Math.min(consecutiveViewChanges, 20);
        return Math.min(timeout, config.viewChangeTimeoutTicksMax());
    }

    private long retransmitIntervalTicks() {
        return Math.max(1, config.requestTimeoutTicks() / 4);
    }

    /**
     * Re-sends this replica's own votes for work that is stuck, since the network may drop anything and the paper's
     * protocol assumes retransmission (§4.2): the view change in progress, or the pre-prepare / prepare / commit of
     * every uncommitted slot, and the latest checkpoint that is not stable yet. Receivers ignore duplicates.
     */
    private void retransmit() {
        if (viewChangeInProgress) {
            ViewChange own = latestViewChangeBySender.get(id);
            if (own != null && own.newView() == view) {
                broadcast(own);
            }
            return;
        }
        for (Slot slot : slots.values()) {
            if (slot.committed || slot.prePrepare == null) {
                continue;
            }
            if (isPrimary()) {
                broadcast(slot.prePrepare);
            }
            PbftMessage ownPrepare = slot.prepares.get(id);
            if (ownPrepare != null) {
                broadcast(ownPrepare);
            }
            PbftMessage ownCommit = slot.commits.get(id);
            if (ownCommit != null) {
                broadcast(ownCommit);
            }
        }
        Map.Entry<Long, Map<Integer, List<Checkpoint>>> latest = checkpointVotes.lastEntry();
        if (latest != null && latest.getValue().containsKey(id)) {
            broadcast(latest.getValue().get(id).get(0));
        }
    }

    private void startViewChange(long newView) {
        if (newView <= view) {
            return; // views only move forward; a view change to the current view would undo it
        }
        view = newView;
        viewDirty = true;
        viewChangeInProgress = true;
        consecutiveViewChanges++;
        timerTicks = 0;
        slots.clear();
        batchQueue.clear();
        proposedInView.clear();
        List<PreparedCertificate> prepared = new ArrayList<>(preparedBySequence.tailMap(stableSeq, false).values());
        ViewChange viewChange = sign(new ViewChange(id, newView, stableSeq, stableProof, prepared, new byte[0]));
        toPersist.add(viewChange);
        broadcast(viewChange);
        latestViewChangeBySender.put(id, viewChange);
        maybeSendNewView();
    }

    private void onViewChange(ViewChange viewChange) {
        if (viewChange.newView() <= view && !viewChangeInProgress && lastNewView != null
                && lastNewView.view() == view) {
            // It missed our NEW-VIEW, or asks for a view we have already passed (it was cut off or restarted): the
            // NEW-VIEW proves the view we are in, so it can enter it instead of waiting for a view change of its own.
            send(viewChange.sender(), lastNewView);
            return;
        }
        ViewChange previous = latestViewChangeBySender.get(viewChange.sender());
        boolean current = viewChange.newView() > view || (viewChange.newView() == view && viewChangeInProgress);
        if (!current || (previous != null && previous.newView() >= viewChange.newView())) {
            otherDroppedMessages++;
            return;
        }
        if (!rules.validViewChange(viewChange)) {
            invalidSignaturesBySender.merge((long) viewChange.sender(), 1L, Long::sum);
            return;
        }
        latestViewChangeBySender.put(viewChange.sender(), viewChange); // one per sender bounds memory
        toPersist.add(viewChange);
        joinIfWeakQuorumAhead();
        maybeSendNewView();
    }

    private boolean quorumAskedForThisView() {
        int asking = 0;
        for (ViewChange viewChange : latestViewChangeBySender.values()) {
            if (viewChange.newView() == view) {
                asking++;
            }
        }
        return asking >= config.quorum();
    }

    /** §4.5.2: f+1 replicas asking for views above ours include a correct one, so join the smallest such view. */
    private void joinIfWeakQuorumAhead() {
        long smallest = Long.MAX_VALUE;
        int count = 0;
        for (ViewChange viewChange : latestViewChangeBySender.values()) {
            if (viewChange.sender() != id && viewChange.newView() > view) {
                count++;
                smallest = Math.min(smallest, viewChange.newView());
            }
        }
        if (count >= config.weakQuorum()) {
            startViewChange(smallest);
        }
    }

    private void maybeSendNewView() {
        if (!viewChangeInProgress || config.primaryOf(view) != id || newViewSentFor >= view) {
            return;
        }
        List<ViewChange> forView = new ArrayList<>();
        latestViewChangeBySender.keySet().stream().sorted().forEach(sender -> {
            ViewChange viewChange = latestViewChangeBySender.get(sender);
            if (viewChange.newView() == view && forView.size() < config.quorum()) {
                forView.add(viewChange);
            }
        });
        if (forView.size() < config.quorum() || forView.stream().noneMatch(vc -> vc.sender() == id)) {
            return;
        }
        newViewSentFor = view;
        List<PrePrepare> prePrepares = new ArrayList<>();
        for (PrePrepare pp : ViewChangeRules.computePrePrepares(config, view, forView)) {
            prePrepares.add(sign(pp));
        }
        NewView newView = sign(new NewView(id, view, forView, prePrepares, new byte[0]));
        lastNewView = newView;
        broadcast(newView);
        enterView(newView);
    }

    private void onNewView(NewView newView) {
        boolean current = newView.view() > view || (newView.view() == view && viewChangeInProgress);
        if (!current) {
            otherDroppedMessages++;
            return;
        }
        if (!rules.validNewView(newView)) {
            invalidSignaturesBySender.merge((long) newView.sender(), 1L, Long::sum); // forged V or wrong O
            return;
        }
        enterView(newView);
    }

    /** Installs a validated NEW-VIEW: adopt its checkpoint, accept O's pre-prepares, resume normal operation. */
    private void enterView(NewView newView) {
        lastNewView = newView; // every member keeps it for a member still in an older view (sendCommittedBatch)
        view = newView.view();
        viewDirty = true;
        viewChangeInProgress = false;
        timerTicks = 0;
        slots.clear();
        batchQueue.clear();
        proposedInView.clear();
        toPersist.add(newView);
        ViewChange highest = ViewChangeRules.highestCheckpoint(newView.viewChanges());
        if (highest.stableSequence() > stableSeq) {
            // C was checked as a whole when V was validated: use it as is rather than vote by vote.
            onCertificate(highest.stableSequence(), highest.checkpointProof());
        }
        long maxS = highest.stableSequence();
        for (PrePrepare pp : newView.prePrepares()) {
            maxS = Math.max(maxS, pp.sequence());
            if (inWindow(pp.sequence())) {
                acceptPrePrepare(pp); // beyond H we are lagging: state transfer, not O, brings us there
            }
        }
        nextSequence = Math.max(maxS, stableSeq) + 1;
        for (ClientRequest request : new ArrayList<>(pendingRequests.values())) {
            if (isPrimary()) {
                enqueue(request);
            } else if (!proposedInView.contains(ByteBuffer.wrap(request.digest()))) {
                send(config.primaryOf(view), request);
            }
        }
    }

    // ---------------------------------------------------------------- restart

    private void restoreFrom(PbftRecoveredState recovered) {
        view = recovered.view();
        long sequenceBase = recovered.stableSequence();
        if (sequenceBase > 0) {
            stableSeq = sequenceBase;
            stableProof = recovered.stableProof();
            lastExecutedSeq = sequenceBase;
            clients.install(recovered.clientTable());
            ownCheckpoints.put(sequenceBase, new State(id, sequenceBase, recovered.clientTable(),
                    recovered.applicationSnapshot(), new byte[0]));
            installState = new InstalledState(sequenceBase, recovered.applicationSnapshot()); // the driver reloads h
        }
        TreeMap<Long, TreeMap<Long, Slot>> slotsByView = new TreeMap<>();
        List<Checkpoint> votes = new ArrayList<>();
        for (PbftMessage message : recovered.messages()) {
            switch (message.type()) {
                case PRE_PREPARE -> {
                    PrePrepare pp = (PrePrepare) message;
                    Slot slot = slotsByView.computeIfAbsent(pp.view(), v -> new TreeMap<>())
                            .computeIfAbsent(pp.sequence(), s -> new Slot());
                    if (slot.prePrepare == null) {
                        slot.prePrepare = pp; // the one accepted first; a second is persisted only when adopted
                    } else if (!Arrays.equals(slot.prePrepare.batchDigest(), pp.batchDigest())) {
                        slot.conflicting = pp;
                    }
                }
                case PREPARE -> {
                    Prepare prepare = (Prepare) message;
                    slotsByView.computeIfAbsent(prepare.view(), v -> new TreeMap<>())
                            .computeIfAbsent(prepare.sequence(), s -> new Slot()).prepares
                            .putIfAbsent(prepare.sender(), prepare);
                }
                case COMMIT -> {
                    Commit commit = (Commit) message;
                    slotsByView.computeIfAbsent(commit.view(), v -> new TreeMap<>())
                            .computeIfAbsent(commit.sequence(), s -> new Slot()).commits
                            .putIfAbsent(commit.sender(), commit);
                }
                case CHECKPOINT -> {
                    if (((Checkpoint) message).sender() != id) {
                        votes.add((Checkpoint) message); // our own come back when re-execution reaches them
                    }
                }
                case VIEW_CHANGE -> latestViewChangeBySender.merge(((ViewChange) message).sender(),
                        (ViewChange) message, (a, b) -> a.newView() >= b.newView() ? a : b);
                case NEW_VIEW -> {
                    if (lastNewView == null || ((NewView) message).view() > lastNewView.view()) {
                        lastNewView = (NewView) message;
                    }
                }
                default -> {
                    // Our own checkpoint states above h: re-execution reports them again through checkpointed().
                }
            }
        }
        // A view above 0 is entered only through a NEW-VIEW, which is persisted when accepted or sent.
        viewChangeInProgress = view > 0 && (lastNewView == null || lastNewView.view() != view);
        consecutiveViewChanges = viewChangeInProgress ? 1 : 0;
        if (lastNewView != null && lastNewView.sender() == id) {
            newViewSentFor = lastNewView.view(); // never compute a second, different NEW-VIEW for a view
        }
        long maxSequence = stableSeq;
        if (!viewChangeInProgress && lastNewView != null) {
            for (PrePrepare pp : lastNewView.prePrepares()) {
                maxSequence = Math.max(maxSequence, pp.sequence());
            }
        }
        for (Map.Entry<Long, TreeMap<Long, Slot>> inView : slotsByView.entrySet()) { // ascending: P keeps the highest
            boolean current = inView.getKey() == view && !viewChangeInProgress;
            for (Map.Entry<Long, Slot> entry : inView.getValue().entrySet()) {
                maxSequence = Math.max(maxSequence, restoreSlot(entry.getKey(), entry.getValue(), current));
            }
        }
        nextSequence = maxSequence + 1; // a restarted primary never reuses a sequence number it assigned in its view
        executeInOrder();
        if (!viewChangeInProgress && lastNewView != null) {
            // As when the NEW-VIEW was entered: a certified checkpoint above ours means we are behind (§4.4).
            ViewChange highest = ViewChangeRules.highestCheckpoint(lastNewView.viewChanges());
            if (highest.stableSequence() > stableSeq) {
                onCertificate(highest.stableSequence(), highest.checkpointProof());
            }
        }
        for (Checkpoint vote : votes) {
            if (vote.sequence() > stableSeq) {
                recordCheckpointVote(vote);
            }
        }
        maybeSendNewView();
    }

    /**
     * Restores one persisted slot: prepared and committed are re-derived from its votes; in the current view it
     * becomes a live slot, and a vote lost with the unsynced tail of the log (never sent, so no conflict) is cast
     * now. Returns the slot's sequence if the current view assigned it, else 0.
     */
    private long restoreSlot(long sequence, Slot slot, boolean current) {
        if (current) {
            slots.put(sequence, slot);
        }
        if (slot.conflicting != null && slot.commitsFor(slot.conflicting.batchDigest()) >= config.quorum()) {
            slot.prePrepare = slot.conflicting; // it was adopted before the restart: 2f+1 committed it
        }
        slot.conflicting = null;
        PrePrepare pp = slot.prePrepare;
        if (pp == null) {
            return 0;
        }
        if (current) {
            for (ClientRequest request : pp.requests()) {
                if (!clients.isExecuted(request)) {
                    pendingRequests.putIfAbsent(ByteBuffer.wrap(request.digest()), request);
                }
                proposedInView.add(ByteBuffer.wrap(request.digest()));
            }
            if (!isPrimary() && !slot.prepares.containsKey(id)) {
                Prepare prepare = sign(new Prepare(id, view, sequence, pp.batchDigest(), new byte[0]));
                slot.prepares.put(id, prepare);
                toPersist.add(prepare);
                broadcast(prepare);
            }
        }
        List<Prepare> matching = slot.matchingPrepares();
        if (matching.size() >= 2 * config.faultsTolerated()) {
            slot.prepared = true;
            preparedBySequence.put(sequence, new PreparedCertificate(pp,
                    matching.subList(0, 2 * config.faultsTolerated())));
            if (current && !slot.commits.containsKey(id)) {
                Commit commit = sign(new Commit(id, view, sequence, pp.batchDigest(), new byte[0]));
                slot.commits.put(id, commit);
                toPersist.add(commit);
                broadcast(commit);
            }
        }
        if (slot.matchingCommits().size() >= config.quorum()) {
            slot.committed = true;
            if (sequence > lastExecutedSeq) {
                committedNotExecuted.put(sequence, slot);
            }
        }
        return current ? sequence : 0;
    }

    // ---------------------------------------------------------------- helpers

    private boolean isPrimary() {
        return config.primaryOf(view) == id;
    }

    private Slot slot(long sequence) {
        return slots.computeIfAbsent(sequence, s -> new Slot());
    }

    @SuppressWarnings("unchecked")
    private <T extends PbftMessage> T sign(T unsigned) {
        return (T) unsigned.withSignature(signer.sign(PbftMessageCodec.signedBytes(unsigned)));
    }

    private void broadcast(PbftMessage message) {
        messages.add(new Outbound(Destination.allReplicas(), message));
    }

    private void send(int replica, PbftMessage message) {
        messages.add(new Outbound(Destination.replica(replica), message));
    }
}
