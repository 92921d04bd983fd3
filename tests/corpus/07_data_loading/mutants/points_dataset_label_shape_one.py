# mistake: wraps the label in a list, so each label has shape (1,) and a batch of labels has shape (B, 1)
# targets: test_points_dataset
# %% points_dataset
class PointsDataset(Dataset):
    def __init__(self, points: np.ndarray, labels: np.ndarray) -> None:
        self.points = torch.tensor(points, dtype=torch.float32)
        self.labels = labels

    def __len__(self) -> int:
        return len(self.points)

    def __getitem__(self, index: int) -> tuple[torch.Tensor, torch.Tensor]:
        return self.points[index], torch.tensor([self.labels[index]], dtype=torch.int64)
