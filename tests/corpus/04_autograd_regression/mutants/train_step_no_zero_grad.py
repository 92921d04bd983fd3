# mistake: updates in place under no_grad but never zeroes the gradients: one step is right, the next call steps with the sum of both gradients
# targets: test_train_step
# %% train_step
def train_step(x: torch.Tensor, y: torch.Tensor, w: torch.Tensor, b: torch.Tensor, lr: float) -> float:
    loss = (0.5 * (x.pow(2).mm(w) + b - y) ** 2).sum()
    loss.backward()
    with torch.no_grad():
        w -= lr * w.grad
        b -= lr * b.grad
    return loss.item()
