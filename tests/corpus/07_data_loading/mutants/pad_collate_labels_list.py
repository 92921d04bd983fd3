# mistake: returns the labels as a Python list instead of an int64 tensor
# targets: test_pad_collate
# %% pad_collate
def pad_collate(batch: list[tuple[torch.Tensor, int]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    padded = torch.nn.utils.rnn.pad_sequence([seq for seq, _ in batch], batch_first=True)
    lengths = torch.tensor([len(seq) for seq, _ in batch])
    labels = [label for _, label in batch]
    return padded, lengths, labels
