# why: allocates torch.zeros with the sequences' dtype and device=, then copies each sequence into its row
# %% pad_collate
def pad_collate(batch: list[tuple[torch.Tensor, int]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    first = batch[0][0]
    width = max(len(seq) for seq, _ in batch)
    padded = torch.zeros(len(batch), width, dtype=first.dtype, device=first.device)
    for i, (seq, _) in enumerate(batch):
        padded[i, :len(seq)] = seq
    lengths = torch.tensor([len(seq) for seq, _ in batch])
    labels = torch.tensor([label for _, label in batch])
    return padded, lengths, labels
