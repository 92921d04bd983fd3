# why: appends seq.new_zeros(L - len(seq)) to each sequence (new_zeros keeps its dtype and device) and stacks the rows
# %% pad_collate
def pad_collate(batch: list[tuple[torch.Tensor, int]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    width = max(len(seq) for seq, _ in batch)
    padded = torch.stack([torch.cat([seq, seq.new_zeros(width - len(seq))]) for seq, _ in batch])
    lengths = torch.tensor([len(seq) for seq, _ in batch], dtype=torch.int64)
    labels = torch.tensor([label for _, label in batch], dtype=torch.int64)
    return padded, lengths, labels
